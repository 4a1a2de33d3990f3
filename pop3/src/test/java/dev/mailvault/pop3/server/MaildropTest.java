package dev.mailvault.pop3.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailvault.core.access.VaultEvent;
import dev.mailvault.core.access.VaultListener;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.store.Vault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The maildrop beside other sessions on the same vault (ADR 0193): what POP3 removes, others hear
 * as expunges; what others removed, POP3 answers {@code -ERR} for; UIDL is the same every session;
 * the spool is drained at login; RETR is byte-exact, also for a message larger than one piece.
 */
class MaildropTest {

  @TempDir static Path data;
  private static LivePop3Server server;
  private static final AtomicInteger ALIASES = new AtomicInteger();
  private String alias;

  @BeforeAll
  static void start() throws Exception {
    server = LivePop3Server.start(data);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void newAlias() throws Exception {
    alias = "m" + ALIASES.incrementAndGet() + "@example.com";
    server.addAlias(alias);
  }

  @Test
  void uidlIsTheSameInEverySessionAndSurvivesOtherRemovals() throws Exception {
    server.append(
        alias, "Subject: a\r\n\r\na\r\n", "Subject: b\r\n\r\nb\r\n", "Subject: c\r\n\r\nc");
    List<String> first;
    try (Pop3Client client = Pop3Client.login(server.port(), alias)) {
      client.send("UIDL");
      client.expectOk();
      first = client.body();
    }
    try (Vault vault = server.openVault(alias)) {
      vault.storeFlags(
          "INBOX",
          UidSet.of(1),
          dev.mailvault.core.access.FlagUpdate.add(
              dev.mailvault.core.mail.Flags.of(SystemFlag.DELETED)));
      vault.expunge("INBOX");
    }
    try (Pop3Client client = Pop3Client.login(server.port(), alias)) {
      client.send("UIDL");
      client.expectOk();
      List<String> second = client.body();
      // Message numbers shift; the unique-ids of the messages that stayed do not.
      assertThat(second).hasSize(2);
      assertThat(second.get(0).substring(2)).isEqualTo(first.get(1).substring(2));
      assertThat(second.get(1).substring(2)).isEqualTo(first.get(2).substring(2));
    }
  }

  @Test
  void deleAndQuitAreHeardByAnotherSessionAsExpunges() throws Exception {
    server.append(alias, "Subject: a\r\n\r\na\r\n", "Subject: b\r\n\r\nb\r\n");
    List<VaultEvent> heard = new CopyOnWriteArrayList<>();
    try (Vault other = server.openVault(alias);
        VaultListener.Registration registration = other.addListener(heard::add);
        Pop3Client client = Pop3Client.login(server.port(), alias)) {
      assertThat(client.command("DELE 1")).startsWith("+OK");
      assertThat(client.command("RETR 2")).startsWith("+OK");
      client.body();
      assertThat(client.command("QUIT"))
          .isEqualTo("+OK Mailvault POP3 signing off (1 messages left)");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  heard.stream()
                      .anyMatch(
                          e ->
                              e instanceof VaultEvent.MessagesExpunged expunged
                                  && expunged.uids().equals(List.of(1L))));
      // ADR 0194: a retrieved message is \Seen once the session commits at QUIT.
      assertThat(other.messages("INBOX", UidSet.all()))
          .singleElement()
          .satisfies(
              meta -> {
                assertThat(meta.uid()).isEqualTo(2);
                assertThat(meta.flags().has(SystemFlag.SEEN)).isTrue();
              });
    }
  }

  @Test
  void aMessageAnotherSessionRemovedIsACleanErr() throws Exception {
    server.append(alias, "Subject: a\r\n\r\na\r\n", "Subject: b\r\n\r\nb\r\n");
    try (Pop3Client client = Pop3Client.login(server.port(), alias)) {
      try (Vault vault = server.openVault(alias)) {
        vault.storeFlags(
            "INBOX",
            UidSet.of(1),
            dev.mailvault.core.access.FlagUpdate.add(
                dev.mailvault.core.mail.Flags.of(SystemFlag.DELETED)));
        vault.expunge("INBOX");
      }
      Transcript.run(
          client,
          """
          C: RETR 1
          S: -ERR Message 1 was removed by another session
          C: TOP 1 0
          S: -ERR Message 1 was removed by another session
          C: RETR 2
          S: \\+OK \\d+ octets
          S: Subject: b
          S:
          S: b
          S: \\.
          C: DELE 1
          S: \\+OK Message 1 deleted
          C: QUIT
          S: \\+OK Mailvault POP3 signing off \\(1 messages left\\)
          CLOSED
          """);
    }
  }

  @Test
  void twoPop3SessionsOnOneAliasAreAllowed() throws Exception {
    server.append(alias, "Subject: a\r\n\r\na\r\n");
    try (Pop3Client one = Pop3Client.login(server.port(), alias);
        Pop3Client two = Pop3Client.login(server.port(), alias)) {
      assertThat(one.command("DELE 1")).startsWith("+OK");
      assertThat(one.command("QUIT")).startsWith("+OK");
      assertThat(one.closedByServer()).isTrue();
      assertThat(two.command("RETR 1")).isEqualTo("-ERR Message 1 was removed by another session");
      assertThat(two.command("STAT")).startsWith("+OK 1 ");
    }
  }

  @Test
  void loginDrainsTheSpoolIntoInbox() throws Exception {
    server.spool(alias, "Subject: spooled\r\n\r\nwaited\r\n");
    server.spool(alias, "Subject: spooled too\r\n\r\nwaited\r\n");
    String vaultId =
        server
            .directory()
            .findAlias(dev.mailvault.core.address.EmailAddress.parse(alias))
            .orElseThrow()
            .vaultId();
    assertThat(server.spool().list(vaultId)).hasSize(2);
    try (Pop3Client client = Pop3Client.connect(server.port())) {
      Transcript.run(
          client,
          """
          S: \\+OK .*
          C: USER %s
          S: \\+OK .*
          C: PASS {PASSWORD}
          S: \\+OK Logged in, 2 messages .*
          C: TOP 2 0
          S: \\+OK .*
          S: Subject: spooled too
          S:
          S: \\.
          """
              .formatted(alias));
    }
    assertThat(server.spool().list(vaultId)).isEmpty();
  }

  @Test
  void retrIsByteExactAcrossPieces() throws Exception {
    StringBuilder message = new StringBuilder("Subject: big\r\n\r\n");
    int line = 0;
    while (message.length() < 3 * 64 * 1024 + 100) {
      // Every seventh line starts with a dot; one has a bare LF.
      message.append(line % 7 == 0 ? "." : "").append("line ").append(line++).append("\r\n");
    }
    message.append("bare\nend");
    server.append(alias, message.toString());
    try (Pop3Client client = Pop3Client.login(server.port(), alias)) {
      byte[] raw = message.toString().getBytes(StandardCharsets.US_ASCII);
      // Pipelined: the second RETR waits for the first to leave, and both arrive whole.
      client.raw("RETR 1\r\nRETR 1\r\n".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 2; i++) {
        assertThat(client.line()).isEqualTo("+OK " + raw.length + " octets");
        assertThat(unstuff(client.rawBody())).isEqualTo(raw);
      }
    }
  }

  /** RFC 1939 §3 from the client's side: strip the terminator and one leading dot per line. */
  private static byte[] unstuff(byte[] body) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    boolean lineStart = true;
    int end = body.length - 3; // ".\r\n"
    for (int i = 0; i < end; i++) {
      if (lineStart && body[i] == '.') {
        lineStart = false;
        continue;
      }
      out.write(body[i]);
      lineStart = body[i] == '\n';
    }
    byte[] bytes = out.toByteArray();
    // The message had no final line end; the server added CRLF before the terminator.
    return java.util.Arrays.copyOf(bytes, bytes.length - 2);
  }
}
