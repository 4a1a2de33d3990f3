package dev.mailvault.imap.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.testing.ExternalProgram;
import dev.mailvault.imap.server.LiveImapServer;
import dev.mailvault.store.Vault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mbsync (Debian package isync, installed by {@code .ci/run}) keeps a local Maildir and the
 * server's INBOX in step both ways: new mail on either side, flag changes, deletions. The server
 * side is checked (and changed) through the vault itself, not through our IMAP code.
 */
class MbsyncClientTest {

  private static final String USER = "hello@example.com";
  private static final Pattern X_TUID = Pattern.compile("(?m)^X-TUID: [^\r\n]*\r?\n");
  private static final Pattern SUBJECT = Pattern.compile("(?m)^Subject: ([^\r\n]*)");

  @TempDir Path data;
  @TempDir Path work;
  private LiveImapServer server;
  private Path inbox;

  @BeforeAll
  static void mbsyncIsInstalled() {
    assumeTrue(ExternalProgram.installed("mbsync"), "mbsync (isync) is not installed");
  }

  @BeforeEach
  void startServer() throws Exception {
    server = LiveImapServer.start(data);
    server.addAlias(USER);
    inbox = work.resolve("mail/INBOX");
    for (String sub : List.of("cur", "new", "tmp")) {
      Files.createDirectories(inbox.resolve(sub));
    }
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void syncsNewMailFlagsAndDeletionsBothWaysOverStarttls() throws Exception {
    String serverOne = TestMessages.plain("Server one", "first on the server");
    String serverTwo = TestMessages.plain("Server two", "second on the server");
    String localOne = TestMessages.plain("Local one", "written on the laptop");
    try (Vault vault = server.openVault(USER)) {
      vault.append("INBOX", NewMessage.of(TestMessages.bytes(serverOne)));
      vault.append("INBOX", NewMessage.of(TestMessages.bytes(serverTwo)));
    }
    // Maildir holds LF line ends; mbsync turns them into CRLF on the way up.
    Files.writeString(inbox.resolve("new/1741180200.1.laptop"), localOne.replace("\r\n", "\n"));
    Path config = config("STARTTLS", server.port());

    // 1. New mail both ways.
    mbsync(config);
    assertThat(localSubjects().keySet())
        .containsExactlyInAnyOrder("Server one", "Server two", "Local one");
    assertThat(localContent("Server one")).isEqualTo(serverOne.replace("\r\n", "\n"));
    Map<String, MessageMeta> remote = serverMessages();
    assertThat(remote.keySet()).containsExactlyInAnyOrder("Server one", "Server two", "Local one");
    try (Vault vault = server.openVault(USER)) {
      String uploaded =
          new String(vault.fetch("INBOX", remote.get("Local one").uid()), StandardCharsets.UTF_8);
      assertThat(withoutTuid(uploaded)).isEqualTo(localOne);
    }

    // 2. Flags both ways: flagged on the laptop, read on the server.
    Path one = localFile("Server one");
    Files.move(one, one.resolveSibling(withMaildirFlags(one.getFileName().toString(), "F")));
    try (Vault vault = server.openVault(USER)) {
      vault.storeFlags(
          "INBOX",
          UidSet.of(remote.get("Server two").uid()),
          FlagUpdate.add(Flags.of(SystemFlag.SEEN)));
    }
    mbsync(config);
    remote = serverMessages();
    assertThat(remote.get("Server one").flags().has(SystemFlag.FLAGGED)).isTrue();
    assertThat(remote.get("Server one").flags().has(SystemFlag.SEEN)).isFalse();
    assertThat(maildirFlags(localFile("Server two"))).isEqualTo("S");
    assertThat(maildirFlags(localFile("Server one"))).isEqualTo("F");

    // 3. Deletions both ways: deleted on the laptop, expunged on the server.
    Files.delete(localFile("Local one"));
    try (Vault vault = server.openVault(USER)) {
      long uid = remote.get("Server two").uid();
      vault.storeFlags("INBOX", UidSet.of(uid), FlagUpdate.add(Flags.of(SystemFlag.DELETED)));
      vault.expunge("INBOX", UidSet.of(uid));
    }
    mbsync(config);
    assertThat(serverMessages().keySet()).containsExactly("Server one");
    assertThat(localSubjects().keySet()).containsExactly("Server one");

    // 4. A run with nothing to do changes nothing.
    mbsync(config);
    assertThat(serverMessages().keySet()).containsExactly("Server one");
    assertThat(localSubjects().keySet()).containsExactly("Server one");
  }

  @Test
  void firstSyncOverImplicitTlsFetchesEverything() throws Exception {
    String multipart = TestMessages.MULTIPART;
    try (Vault vault = server.openVault(USER)) {
      vault.append("INBOX", NewMessage.of(TestMessages.bytes(multipart)));
    }
    mbsync(config("IMAPS", server.tlsPort()));
    assertThat(localSubjects().keySet()).containsExactly("Quarterly report");
    assertThat(localContent("Quarterly report")).isEqualTo(multipart.replace("\r\n", "\n"));
  }

  private Path config(String sslType, int port) throws Exception {
    Path pem = TestCertificate.writePem(work);
    String text =
        String.join(
            "\n",
            "IMAPAccount vault",
            "Host localhost",
            "Port " + port,
            "User " + USER,
            "Pass \"" + LiveImapServer.PASSWORD + "\"",
            "SSLType " + sslType,
            "CertificateFile " + pem,
            "Timeout 15",
            "",
            "IMAPStore remote",
            "Account vault",
            "",
            "MaildirStore local",
            "Path " + work.resolve("mail") + "/",
            "Inbox " + inbox,
            "",
            "Channel inbox",
            "Far :remote:",
            "Near :local:",
            "Patterns INBOX",
            "Create Both",
            "Expunge Both",
            "SyncState *",
            "Sync All",
            "");
    Path config = work.resolve("mbsyncrc");
    Files.writeString(config, text);
    return config;
  }

  private void mbsync(Path config) throws Exception {
    ExternalProgram.run(
            work,
            Map.of("HOME", work.toString()),
            Duration.ofSeconds(30),
            List.of("mbsync", "-c", config.toString(), "-a"))
        .requireSuccess();
  }

  /** Subject to file for every message in the local Maildir (cur and new). */
  private Map<String, Path> localSubjects() throws IOException {
    Map<String, Path> subjects = new TreeMap<>();
    for (String sub : List.of("cur", "new")) {
      try (Stream<Path> files = Files.list(inbox.resolve(sub))) {
        for (Path file : files.toList()) {
          subjects.put(subjectOf(Files.readString(file, StandardCharsets.UTF_8)), file);
        }
      }
    }
    return subjects;
  }

  private Path localFile(String subject) throws IOException {
    Path file = localSubjects().get(subject);
    assertThat(file).as("local message " + subject).isNotNull();
    return file;
  }

  /** A local message as mbsync stored it in the Maildir. */
  private String localContent(String subject) throws IOException {
    return withoutTuid(Files.readString(localFile(subject), StandardCharsets.UTF_8));
  }

  /**
   * mbsync adds an {@code X-TUID} header to every message it copies, on either side, to find the
   * copy again after an interrupted run (its own bookkeeping); everything else is byte for byte.
   */
  private static String withoutTuid(String message) {
    return X_TUID.matcher(message).replaceFirst("");
  }

  /** Subject to metadata for every message in the server's INBOX, read from the vault. */
  private Map<String, MessageMeta> serverMessages() throws Exception {
    Map<String, MessageMeta> messages = new TreeMap<>();
    try (Vault vault = server.openVault(USER)) {
      for (MessageMeta meta : vault.messages("INBOX", UidSet.all())) {
        String raw = new String(vault.fetch("INBOX", meta.uid()), StandardCharsets.UTF_8);
        messages.put(subjectOf(raw), meta);
      }
    }
    return messages;
  }

  private static String subjectOf(String message) {
    Matcher matcher = SUBJECT.matcher(message);
    assertThat(matcher.find()).as("Subject header in " + message).isTrue();
    return matcher.group(1);
  }

  /** The Maildir info flags after ":2," (e.g. "FS"), or "" when there are none. */
  private static String maildirFlags(Path file) {
    String name = file.getFileName().toString();
    int info = name.indexOf(":2,");
    return info < 0 ? "" : name.substring(info + 3);
  }

  private static String withMaildirFlags(String name, String flags) {
    int info = name.indexOf(":2,");
    return (info < 0 ? name : name.substring(0, info)) + ":2," + flags;
  }
}
