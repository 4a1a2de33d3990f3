package dev.mailvault.imap.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.imap.server.LiveImapServer;
import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eclipse Angus Mail, the Jakarta Mail implementation, as a user's program would drive it. */
class AngusMailClientTest {

  private static final String USER = "hello@example.com";

  @TempDir Path data;
  private LiveImapServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = LiveImapServer.start(data);
    server.addAlias(USER);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void plainImapOnLoopbackLogsInAndListsTheDefaultFolders() throws Exception {
    try (Store store = connect("imap", false)) {
      assertThat(folderNames(store))
          .contains("INBOX", "Drafts", "Sent", "Junk", "Trash", "Archive");
      assertThat(((IMAPStore) store).hasCapability("IMAP4rev1")).isTrue();
    }
  }

  @Test
  void starttlsIsNegotiatedWhenRequired() throws Exception {
    try (Store store = connect("imap", true)) {
      assertThat(folderNames(store)).contains("INBOX");
      assertThat(((IMAPStore) store).hasCapability("STARTTLS")).isFalse();
    }
  }

  @Test
  void implicitTlsTrustsTheServerCertificate() throws Exception {
    try (Store store = connect("imaps", false)) {
      assertThat(folderNames(store)).contains("INBOX");
    }
  }

  @Test
  void appendedMessagesComeBackWithEnvelopeStructureAndExactBytes() throws Exception {
    Session session = session("imap", false);
    try (Store store = connect(session, "imap")) {
      IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      AppendUID[] appended =
          inbox.appendUIDMessages(
              new Message[] {
                parse(session, TestMessages.MULTIPART),
                parse(session, TestMessages.plain("Lunch", "Noon at the usual place?"))
              });
      assertThat(appended).hasSize(2);
      assertThat(appended[0].uidvalidity).isEqualTo(inbox.getUIDValidity());
      assertThat(appended[1].uid).isGreaterThan(appended[0].uid);
      assertThat(inbox.getMessageCount()).isEqualTo(2);

      Message[] messages = inbox.getMessages();
      FetchProfile profile = new FetchProfile();
      profile.add(FetchProfile.Item.ENVELOPE);
      profile.add(FetchProfile.Item.FLAGS);
      profile.add(FetchProfile.Item.CONTENT_INFO);
      profile.add(FetchProfile.Item.SIZE);
      profile.add(UIDFolder.FetchProfileItem.UID);
      inbox.fetch(messages, profile);

      Message report = messages[0];
      assertThat(inbox.getUID(report)).isEqualTo(appended[0].uid);
      assertThat(report.getSubject()).isEqualTo("Quarterly report");
      assertThat(addresses(report.getFrom())).containsExactly("bob@example.net");
      assertThat(((InternetAddress) report.getFrom()[0]).getPersonal()).isEqualTo("Bob Sender");
      assertThat(addresses(report.getRecipients(Message.RecipientType.TO)))
          .containsExactly("hello@example.com", "carol@example.org");
      assertThat(addresses(report.getRecipients(Message.RecipientType.CC)))
          .containsExactly("dave@example.org");
      assertThat(report.getSentDate().toInstant()).isEqualTo(Instant.parse("2025-03-05T08:30:00Z"));
      assertThat(((MimeMessage) report).getMessageID()).isEqualTo("<report-2025@example.net>");
      // Nothing set yet; a rev1 session sees \Recent on what it appended itself (RFC 3501 §2.3.2).
      Flags flags = report.getFlags();
      flags.remove(Flags.Flag.RECENT);
      assertThat(flags.getSystemFlags()).isEmpty();
      assertThat(flags.getUserFlags()).isEmpty();
      assertThat(report.getSize()).isEqualTo(TestMessages.bytes(TestMessages.MULTIPART).length);
      assertThat(report.isMimeType("multipart/mixed")).isTrue();

      // Body parts come from BODYSTRUCTURE and BODY[section] fetches.
      Multipart mixed = (Multipart) report.getContent();
      assertThat(mixed.getCount()).isEqualTo(2);
      Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
      assertThat(alternative.getContentType()).startsWith("multipart/alternative");
      assertThat(alternative.getBodyPart(0).getContent())
          .isEqualTo("Numbers are up: caf\u00e9 sales +12%.");
      assertThat(alternative.getBodyPart(1).isMimeType("text/html")).isTrue();
      assertThat(alternative.getBodyPart(1).getContent()).isEqualTo("<p>Numbers are up.</p>");
      Part attachment = mixed.getBodyPart(1);
      assertThat(attachment.getDisposition()).isEqualToIgnoringCase(Part.ATTACHMENT);
      assertThat(attachment.getFileName()).isEqualTo("dot.png");
      try (InputStream in = attachment.getInputStream()) {
        assertThat(in.readAllBytes())
            .isEqualTo(Base64.getDecoder().decode(TestMessages.ATTACHMENT_BASE64));
      }

      // BODY[] byte for byte: what was appended is what comes back.
      assertThat(rawBytes(report)).isEqualTo(TestMessages.bytes(TestMessages.MULTIPART));
      assertThat(rawBytes(messages[1]))
          .isEqualTo(TestMessages.bytes(TestMessages.plain("Lunch", "Noon at the usual place?")));
      assertThat(messages[1].getContent()).isEqualTo("Noon at the usual place?\r\n");
    }
  }

  @Test
  void flagsSetInOneSessionAreSeenByTheNext() throws Exception {
    Session session = session("imap", false);
    try (Store store = connect(session, "imap")) {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      inbox.appendMessages(
          new Message[] {
            parse(session, TestMessages.plain("One", "first")),
            parse(session, TestMessages.plain("Two", "second"))
          });
      Message first = inbox.getMessage(1);
      first.setFlag(Flags.Flag.SEEN, true);
      first.setFlag(Flags.Flag.FLAGGED, true);
      first.setFlags(new Flags("$Important"), true);
      inbox.getMessage(2).setFlag(Flags.Flag.ANSWERED, true);
      first.setFlag(Flags.Flag.FLAGGED, false);
      inbox.close(false);
    }
    try (Store store = connect(session, "imap")) {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      Flags first = inbox.getMessage(1).getFlags();
      assertThat(first.contains(Flags.Flag.SEEN)).isTrue();
      assertThat(first.contains(Flags.Flag.FLAGGED)).isFalse();
      assertThat(first.contains("$Important")).isTrue();
      Flags second = inbox.getMessage(2).getFlags();
      assertThat(second.contains(Flags.Flag.ANSWERED)).isTrue();
      assertThat(second.contains(Flags.Flag.SEEN)).isFalse();
    }
  }

  @Test
  void copyMoveAndExpungeRearrangeFolders() throws Exception {
    Session session = session("imap", false);
    try (Store store = connect(session, "imap")) {
      IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      inbox.appendMessages(
          new Message[] {
            parse(session, TestMessages.plain("Keep", "stays")),
            parse(session, TestMessages.plain("Copy", "copied")),
            parse(session, TestMessages.plain("Move", "moved")),
            parse(session, TestMessages.plain("Drop", "deleted"))
          });
      Folder archive = store.getFolder("Archive");
      Folder trash = store.getFolder("Trash");

      Message[] messages = inbox.getMessages();
      inbox.copyMessages(new Message[] {messages[1]}, archive);
      inbox.moveMessages(new Message[] {messages[2]}, trash);
      // MOVE's own EXPUNGE response: Jakarta Mail marks the message expunged; the folder's count
      // keeps it until the application's next expunge() (the API's rule, not the server's).
      assertThat(messages[2].isExpunged()).isTrue();

      Message drop = messages[3];
      assertThat(drop.getSubject()).isEqualTo("Drop");
      drop.setFlag(Flags.Flag.DELETED, true);
      assertThat(inbox.expunge()).contains(drop);
      assertThat(drop.isExpunged()).isTrue();
      assertThat(inbox.getMessageCount()).isEqualTo(2);
      assertThat(subjects(inbox)).containsExactly("Keep", "Copy");

      archive.open(Folder.READ_ONLY);
      assertThat(subjects(archive)).containsExactly("Copy");
      assertThat(rawBytes(archive.getMessage(1)))
          .isEqualTo(TestMessages.bytes(TestMessages.plain("Copy", "copied")));
      trash.open(Folder.READ_ONLY);
      assertThat(subjects(trash)).containsExactly("Move");
    }
  }

  @Test
  void idleWakesUpWhenAnotherConnectionAppends() throws Exception {
    Session session = session("imap", false);
    Session watching = session("imap", false);
    ProtocolTrace trace = new ProtocolTrace();
    watching.setDebugOut(trace.printStream());
    watching.setDebug(true);
    try (Store watcher = connect(watching, "imap");
        Store writer = connect(session, "imap")) {
      IMAPFolder inbox = (IMAPFolder) watcher.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      assertThat(inbox.getMessageCount()).isZero();
      CountDownLatch arrived = new CountDownLatch(1);
      inbox.addMessageCountListener(
          new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent event) {
              arrived.countDown();
            }
          });
      // idle(true) returns after the first untagged response (RFC 2177: the server's EXISTS).
      CompletableFuture<Void> idling =
          CompletableFuture.runAsync(
              () -> {
                try {
                  inbox.idle(true);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      // The server's continuation is the moment IDLE is in force.
      assertThat(trace.awaitContinuationAfter("IDLE")).isTrue();

      Folder other = writer.getFolder("INBOX");
      other.appendMessages(new Message[] {parse(session, TestMessages.plain("Ping", "wake up"))});

      idling.get(10, TimeUnit.SECONDS);
      assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(inbox.getMessageCount()).isEqualTo(1);
      assertThat(inbox.getMessage(1).getSubject()).isEqualTo("Ping");
    }
  }

  private Session session(String protocol, boolean requireStartTls) throws Exception {
    Properties props = new Properties();
    String prefix = "mail." + protocol + ".";
    props.put(prefix + "connectiontimeout", "10000");
    props.put(prefix + "timeout", "10000");
    props.put(prefix + "ssl.socketFactory", TestCertificate.socketFactory());
    props.put(prefix + "ssl.checkserveridentity", "true");
    if (requireStartTls) {
      props.put(prefix + "starttls.enable", "true");
      props.put(prefix + "starttls.required", "true");
    }
    return Session.getInstance(props);
  }

  private Store connect(String protocol, boolean requireStartTls) throws Exception {
    return connect(session(protocol, requireStartTls), protocol);
  }

  private Store connect(Session session, String protocol) throws Exception {
    Store store = session.getStore(protocol);
    int port = protocol.equals("imaps") ? server.tlsPort() : server.port();
    store.connect("localhost", port, USER, LiveImapServer.PASSWORD);
    return store;
  }

  private static MimeMessage parse(Session session, String raw) throws Exception {
    return new MimeMessage(session, new ByteArrayInputStream(TestMessages.bytes(raw)));
  }

  private static byte[] rawBytes(Message message) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    message.writeTo(out);
    return out.toByteArray();
  }

  private static String[] folderNames(Store store) throws Exception {
    return Arrays.stream(store.getDefaultFolder().list("*"))
        .map(Folder::getFullName)
        .toArray(String[]::new);
  }

  private static String[] addresses(Address[] addresses) {
    return Arrays.stream(addresses)
        .map(a -> ((InternetAddress) a).getAddress())
        .toArray(String[]::new);
  }

  private static String[] subjects(Folder folder) throws Exception {
    String[] subjects = new String[folder.getMessageCount()];
    for (int i = 0; i < subjects.length; i++) {
      subjects[i] = folder.getMessage(i + 1).getSubject();
    }
    return subjects;
  }
}
