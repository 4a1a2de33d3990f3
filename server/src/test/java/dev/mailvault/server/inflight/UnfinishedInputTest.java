package dev.mailvault.server.inflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailvault.server.config.Setting;
import dev.mailvault.server.mail.TestedNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, security item 1: clients that announce large input and never finish it cost the node
 * disk, sealed, not heap (ADR 0165, 0167). A hundred real connections each hold an unfinished
 * literal (before and after login) or an unfinished DATA; the heap grows by less than {@link
 * #HEAP_BOUND}, where holding the bytes on the heap would take over 200 MiB.
 */
class UnfinishedInputTest {

  /** Generous: the spill threshold (256 KiB) per spilling connection is about 13 MiB in all. */
  private static final long HEAP_BOUND = 64L * 1024 * 1024;

  private static final int HELD = 2 * 1024 * 1024;
  private static final byte[] MARKER =
      "SECRET-PLAINTEXT-MARKER-4c1d\r\n".getBytes(StandardCharsets.US_ASCII);

  private static final int BEFORE_LOGIN_SYNC = 25;
  private static final int BEFORE_LOGIN_NON_SYNC = 25;
  private static final int APPENDS = 16;
  private static final int DATAS = 34;

  @TempDir Path data;

  @Test
  void aHundredUnfinishedLiteralsAndMessagesStayOffTheHeapAndOffTheDiskInPlaintext()
      throws Exception {
    try (TestedNode node =
        InFlightNode.start(
            data,
            Map.of(
                Setting.IMAP_CONNECTIONS_PER_IP, "500", Setting.SMTP_CONNECTIONS_PER_IP, "500"))) {
      List<Wire> held = new ArrayList<>();
      try {
        // Logged-in connections first: logins allocate for Argon2id, which is not what is measured.
        List<Wire> loggedIn = new ArrayList<>();
        for (int i = 0; i < APPENDS; i++) {
          loggedIn.add(InFlightNode.imapLoggedIn(node));
        }
        List<Wire> smtp = new ArrayList<>();
        for (int i = 0; i < DATAS; i++) {
          smtp.add(InFlightNode.smtpReadyForData(node));
        }
        held.addAll(loggedIn);
        held.addAll(smtp);
        long before = usedHeapAfterGc();

        byte[] body = markerRepeated(HELD);
        for (Wire imap : loggedIn) {
          imap.send("a APPEND INBOX {" + (HELD + 1024) + "}");
          assertThat(imap.line()).startsWith("+");
          imap.sendRaw(body);
        }
        for (Wire mx : smtp) {
          mx.send("DATA");
          assertThat(mx.smtpReply()).startsWith("354");
          mx.sendRaw(body);
        }
        for (int i = 0; i < BEFORE_LOGIN_SYNC; i++) {
          Wire stranger = new Wire(node.imapPort());
          held.add(stranger);
          stranger.line();
          stranger.send("s LOGIN {" + HELD + "}");
          // Before login a literal is at most 8 KiB: no continuation, so nothing is sent.
          assertThat(stranger.line()).startsWith("s NO [TOOBIG]");
        }
        for (int i = 0; i < BEFORE_LOGIN_NON_SYNC; i++) {
          Wire stranger = new Wire(node.imapPort());
          held.add(stranger);
          stranger.line();
          stranger.send("n LOGIN {" + HELD + "+}");
          // RFC 7888 §4: refused and closed, its bytes never read as commands.
          assertThat(stranger.line()).startsWith("* BYE");
          assertThat(stranger.line()).startsWith("n BAD [TOOBIG]");
          assertThat(stranger.line()).isNull();
        }

        long sealedExpected = (long) (APPENDS + DATAS) * (HELD - 256 * 1024 - 64 * 1024);
        await()
            .atMost(Duration.ofMinutes(2))
            .until(() -> totalSize(node.clientsData().resolve("temp")) >= sealedExpected);
        for (Path file : files(node.clientsData().resolve("temp"))) {
          assertThat(contains(Files.readAllBytes(file), MARKER))
              .as("plaintext in %s", file.getFileName())
              .isFalse();
        }
        long growth = usedHeapAfterGc() - before;
        assertThat(growth).as("heap growth in bytes").isLessThan(HEAP_BOUND);
      } finally {
        for (Wire wire : held) {
          wire.close();
        }
      }
      // Closed connections delete their spill files and return their budget.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> files(node.clientsData().resolve("temp")).isEmpty());
    }
  }

  private static long usedHeapAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  static byte[] markerRepeated(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = MARKER[i % MARKER.length];
    }
    return bytes;
  }

  static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  private static long totalSize(Path dir) throws IOException {
    long total = 0;
    for (Path file : files(dir)) {
      try {
        total += Files.size(file);
      } catch (java.nio.file.NoSuchFileException gone) {
        // Deleted between the listing and the look.
      }
    }
    return total;
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
