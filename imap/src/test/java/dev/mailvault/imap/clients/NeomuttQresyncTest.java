package dev.mailvault.imap.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.testing.ExternalProgram;
import dev.mailvault.imap.server.LiveImapServer;
import dev.mailvault.store.Vault;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * neomutt (Debian package neomutt, installed by {@code .ci/run}) with its header cache and QRESYNC
 * (issue 14). The first run ENABLEs QRESYNC, fetches every header and fills its cache; after
 * another IMAP session changed flags and expunged, the second run takes the headers from its cache
 * and asks the server only what changed since the HIGHESTMODSEQ it kept. neomutt 20220429 does that
 * with {@code SELECT (CONDSTORE)} and {@code UID FETCH 1:n (FLAGS) (CHANGEDSINCE m VANISHED)} (RFC
 * 7162 §3.2.6); it never sends SELECT's QRESYNC parameter, which the Angus Mail and ImapFlow tests
 * cover. What neomutt saw is read from its debug log ({@link NeomuttWire}) and from a mailbox it
 * copies every message to, whose Status and X-Status headers carry its flags.
 *
 * <p>neomutt is interactive: it runs under {@code script(1)} for the terminal it needs (TERM=dumb),
 * with a private muttrc and its keys pushed with {@code -e}, ending in {@code <quit>}; a run that
 * stops to ask a question is killed after a minute and fails with its screen.
 */
class NeomuttQresyncTest {

  private static final String USER = "hello@example.com";

  /** neomutt's header download: every message's header fields, in one FETCH. */
  private static final String HEADERS_OF_ALL =
      "a\\d+ FETCH 1:\\d+ \\(UID FLAGS .*BODY\\.PEEK\\[HEADER\\.FIELDS .*";

  private static final Pattern HIGHESTMODSEQ = Pattern.compile("\\* OK \\[HIGHESTMODSEQ (\\d+)]");

  @TempDir Path data;
  @TempDir Path work;
  private LiveImapServer server;

  @BeforeAll
  static void neomuttIsInstalled() {
    assumeTrue(ExternalProgram.installed("neomutt"), "neomutt is not installed");
    assumeTrue(ExternalProgram.installed("script"), "script (util-linux) is not installed");
  }

  @BeforeEach
  void startServer() throws Exception {
    server = LiveImapServer.start(data);
    server.addAlias(USER);
    try (Vault vault = server.openVault(USER)) {
      for (int i = 1; i <= 5; i++) {
        String letter = TestMessages.plain("Letter " + i, "body " + i);
        vault.append("INBOX", NewMessage.of(TestMessages.bytes(letter)));
      }
    }
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void resyncsFlagChangesFromItsHeaderCacheAskingOnlyWhatChanged() throws Exception {
    Path rc = muttrc();
    NeomuttWire first = neomutt(rc, "first.log", "<quit>");
    assertThat(first.sent()).as(first.toString()).anyMatch(l -> l.matches("a\\d+ ENABLE QRESYNC"));
    assertThat(first.received()).contains("* ENABLED QRESYNC");
    assertThat(first.sent())
        .as("every header fetched once")
        .anyMatch(l -> l.matches(HEADERS_OF_ALL));
    assertThat(first.notes()).anyMatch(n -> n.contains("Stored /UIDSEQSET 1:5"));
    try (Stream<Path> cached = Files.list(work.resolve("hcache"))) {
      assertThat(cached.toList()).as("neomutt's header cache").isNotEmpty();
    }
    long modseq = highestModseq(first);

    anotherSession(1, 3, 0);

    NeomuttWire second = neomutt(rc, "second.log", copyEverythingTo("view.mbox") + "<quit>");
    assertThat(second.received()).contains("* ENABLED QRESYNC");
    assertThat(second.notes()).anyMatch(n -> n.contains("Retrieved /UIDSEQSET 1:5"));
    List<String> resync =
        second.answerTo("UID FETCH 1:5 (FLAGS) (CHANGEDSINCE " + modseq + " VANISHED)");
    assertThat(resync).as("only what changed").hasSize(2);
    assertThat(resync.get(0))
        .matches("\\* 1 FETCH \\(UID 1 FLAGS \\(\\\\Seen\\) MODSEQ \\(\\d+\\)\\)");
    assertThat(resync.get(1))
        .matches("\\* 3 FETCH \\(UID 3 FLAGS \\(\\\\Flagged\\) MODSEQ \\(\\d+\\)\\)");
    assertThat(second.notes()).as(second.toString()).noneMatch(n -> n.contains("QRESYNC failed"));
    assertThat(second.sent())
        .as("no header and no other message's flags asked again")
        .noneMatch(l -> l.contains("HEADER") || l.contains("(UID FLAGS)"));

    Map<String, String> view = mailboxView(work.resolve("view.mbox"));
    assertThat(view).containsOnlyKeys("Letter 1", "Letter 2", "Letter 3", "Letter 4", "Letter 5");
    assertThat(view.get("Letter 1")).contains("R").doesNotContain("F");
    assertThat(view.get("Letter 2")).doesNotContain("R").doesNotContain("F");
    assertThat(view.get("Letter 3")).contains("F").doesNotContain("R");
  }

  /**
   * An expunge, below messages whose flags changed, so that their sequence numbers drop by one. The
   * server names it in {@code VANISHED (EARLIER)} and sends the two flag changes, and neomutt's
   * view ends right. On the way neomutt 20220429 logs "QRESYNC failed. Reopening mailbox." and asks
   * every message's flags again ({@code UID FETCH 1:n (UID FLAGS)}), headers still from its cache:
   * after any VANISHED its own check of its cached sequence numbers fails (it does not renumber
   * them for VANISHED (EARLIER)). Debian's Dovecot 2.3.19.1 sends the same lines and gets the same
   * fallback.
   */
  @Test
  void learnsOfAnExpungeFromVanishedAndKeepsItsHeaderCache() throws Exception {
    Path rc = muttrc();
    long modseq = highestModseq(neomutt(rc, "first.log", "<quit>"));

    anotherSession(1, 4, 2);

    NeomuttWire second = neomutt(rc, "second.log", copyEverythingTo("view.mbox") + "<quit>");
    List<String> resync =
        second.answerTo("UID FETCH 1:5 (FLAGS) (CHANGEDSINCE " + modseq + " VANISHED)");
    assertThat(resync).as(second.toString()).hasSize(3);
    assertThat(resync.get(0)).isEqualTo("* VANISHED (EARLIER) 2");
    assertThat(resync.get(1))
        .matches("\\* 1 FETCH \\(UID 1 FLAGS \\(\\\\Seen\\) MODSEQ \\(\\d+\\)\\)");
    assertThat(resync.get(2))
        .matches("\\* 3 FETCH \\(UID 4 FLAGS \\(\\\\Flagged\\) MODSEQ \\(\\d+\\)\\)");
    assertThat(second.sent())
        .as("the header cache is kept")
        .noneMatch(l -> l.matches(HEADERS_OF_ALL));

    Map<String, String> view = mailboxView(work.resolve("view.mbox"));
    assertThat(view).containsOnlyKeys("Letter 1", "Letter 3", "Letter 4", "Letter 5");
    assertThat(view.get("Letter 1")).contains("R").doesNotContain("F");
    assertThat(view.get("Letter 3")).doesNotContain("R").doesNotContain("F");
    assertThat(view.get("Letter 4")).contains("F").doesNotContain("R");
  }

  /**
   * A second IMAP client (Angus Mail) marks one message seen and one flagged, then deletes and
   * expunges a third unless that is 0, each named by UID.
   */
  private void anotherSession(long seen, long flagged, long expunged) throws Exception {
    Properties props = new Properties();
    props.put("mail.imap.connectiontimeout", "10000");
    props.put("mail.imap.timeout", "10000");
    try (Store store = Session.getInstance(props).getStore("imap")) {
      store.connect("localhost", server.port(), USER, LiveImapServer.PASSWORD);
      IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      inbox.getMessageByUID(seen).setFlag(Flags.Flag.SEEN, true);
      inbox.getMessageByUID(flagged).setFlag(Flags.Flag.FLAGGED, true);
      if (expunged != 0) {
        inbox.getMessageByUID(expunged).setFlag(Flags.Flag.DELETED, true);
        inbox.expunge();
      }
      inbox.close(false);
    }
  }

  /**
   * A muttrc of its own: plain IMAP on loopback (the server allows LOGIN there), the header cache
   * in a folder of the test, CONDSTORE and QRESYNC on, no question asked on the way out, and
   * messages not marked old (which would be a STORE of neomutt's own).
   */
  private Path muttrc() throws Exception {
    Files.createDirectories(work.resolve("hcache"));
    String text =
        String.join(
            "\n",
            "set folder=\"imap://127.0.0.1:" + server.port() + "/\"",
            "set spoolfile=\"+INBOX\"",
            "set imap_user=\"" + USER + "\"",
            "set imap_pass=\"" + LiveImapServer.PASSWORD + "\"",
            "set ssl_starttls=no",
            "set ssl_force_tls=no",
            "set header_cache=\"" + work.resolve("hcache") + "/\"",
            "set imap_condstore=yes",
            "set imap_qresync=yes",
            "set mark_old=no",
            "set quit=yes",
            "set move=no",
            "set confirmcreate=no",
            "set confirmappend=no",
            "set record=\"\"",
            "set postponed=\"" + work.resolve("postponed") + "\"",
            "");
    Path rc = work.resolve("muttrc");
    Files.writeString(rc, text, StandardCharsets.UTF_8);
    return rc;
  }

  /** Keys that tag every message and copy them to an mbox file in the work folder. */
  private String copyEverythingTo(String mbox) {
    return "<tag-pattern>~A<enter><tag-prefix><copy-message>" + work.resolve(mbox) + "<enter>";
  }

  private NeomuttWire neomutt(Path rc, String log, String keys) throws Exception {
    String command =
        "neomutt -n -F " + rc + " -d 5 -l " + work.resolve(log) + " -e 'push \"" + keys + "\"'";
    ExternalProgram.run(
            work,
            Map.of("HOME", work.toString(), "TERM", "dumb"),
            Duration.ofSeconds(60),
            List.of("script", "-qfec", command, "/dev/null"))
        .requireSuccess();
    return NeomuttWire.read(work.resolve(log));
  }

  private static long highestModseq(NeomuttWire run) {
    for (String line : run.received()) {
      Matcher matcher = HIGHESTMODSEQ.matcher(line);
      if (matcher.lookingAt()) {
        return Long.parseLong(matcher.group(1));
      }
    }
    throw new AssertionError("no HIGHESTMODSEQ in " + run.received());
  }

  /**
   * Subject to the flags neomutt wrote for each message it copied: an mbox message's {@code Status}
   * (R read, O old) and {@code X-Status} (F flagged, A answered) headers, run together.
   */
  private static Map<String, String> mailboxView(Path mbox) throws Exception {
    Map<String, String> view = new TreeMap<>();
    String subject = null;
    StringBuilder flags = new StringBuilder();
    for (String line : Files.readAllLines(mbox, StandardCharsets.UTF_8)) {
      if (line.startsWith("From ")) {
        if (subject != null) {
          view.put(subject, flags.toString());
        }
        subject = null;
        flags.setLength(0);
      } else if (line.startsWith("Subject: ")) {
        subject = line.substring("Subject: ".length());
      } else if (line.startsWith("Status: ") || line.startsWith("X-Status: ")) {
        flags.append(line.substring(line.indexOf(' ') + 1));
      }
    }
    if (subject != null) {
      view.put(subject, flags.toString());
    }
    return view;
  }
}
