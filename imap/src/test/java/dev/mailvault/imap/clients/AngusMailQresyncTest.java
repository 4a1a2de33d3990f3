package dev.mailvault.imap.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.imap.server.LiveImapServer;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.event.MailEvent;
import jakarta.mail.event.MessageChangedEvent;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.MessageVanishedEvent;
import org.eclipse.angus.mail.imap.ResyncData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Angus Mail's QRESYNC ({@code IMAPFolder.open(mode, ResyncData)}, RFC 7162 §3.2.5): a program that
 * kept UIDVALIDITY and HIGHESTMODSEQ from one session learns, when it opens the folder again,
 * exactly which messages another session expunged and whose flags it changed.
 */
class AngusMailQresyncTest {

  private static final String USER = "hello@example.com";

  @TempDir Path data;
  private LiveImapServer server;
  private Session session;

  @BeforeEach
  void startServer() throws Exception {
    server = LiveImapServer.start(data);
    server.addAlias(USER);
    Properties props = new Properties();
    props.put("mail.imap.connectiontimeout", "10000");
    props.put("mail.imap.timeout", "10000");
    session = Session.getInstance(props);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void reopeningWithResyncDataTellsExpungesAndFlagChanges() throws Exception {
    long uidValidity;
    long modseq;
    long[] uids;
    try (Store store = connect()) {
      IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      List<Message> messages = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        messages.add(parse(TestMessages.plain("Message " + i, "body " + i)));
      }
      inbox.appendMessages(messages.toArray(new Message[0]));
      inbox.close(false);
      inbox.open(Folder.READ_WRITE);
      uidValidity = inbox.getUIDValidity();
      modseq = inbox.getHighestModSeq();
      uids = new long[4];
      for (int i = 0; i < 4; i++) {
        uids[i] = inbox.getUID(inbox.getMessage(i + 1));
      }
      inbox.close(false);
    }
    assertThat(modseq).isPositive();

    // Another session: one expunge, two flag changes.
    try (Store store = connect()) {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      inbox.getMessage(2).setFlag(Flags.Flag.DELETED, true);
      inbox.expunge();
      inbox.getMessage(1).setFlag(Flags.Flag.SEEN, true);
      inbox.getMessage(2).setFlags(new Flags("$Work"), true); // UID 3, now the second
      inbox.close(false);
    }

    try (Store store = connect()) {
      IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
      List<MailEvent> events = inbox.open(Folder.READ_WRITE, new ResyncData(uidValidity, modseq));
      List<Long> vanished = new ArrayList<>();
      Map<Long, Flags> changed = new TreeMap<>();
      for (MailEvent event : events) {
        if (event instanceof MessageVanishedEvent gone) {
          for (long uid : gone.getUIDs()) {
            vanished.add(uid);
          }
        } else if (event instanceof MessageChangedEvent change) {
          Message message = change.getMessage();
          changed.put(inbox.getUID(message), message.getFlags());
        }
      }
      assertThat(vanished).containsExactly(uids[1]);
      assertThat(changed).containsOnlyKeys(uids[0], uids[2]);
      assertThat(changed.get(uids[0]).contains(Flags.Flag.SEEN)).isTrue();
      assertThat(changed.get(uids[2]).contains("$Work")).isTrue();
      assertThat(inbox.getHighestModSeq()).isGreaterThan(modseq);
      assertThat(inbox.getMessageCount()).isEqualTo(3);

      // Resyncing from where it stands now tells nothing.
      long now = inbox.getHighestModSeq();
      inbox.close(false);
      // Angus Mail returns null, not an empty list, when the server told nothing.
      assertThat(inbox.open(Folder.READ_ONLY, new ResyncData(uidValidity, now))).isNullOrEmpty();
      inbox.close(false);
    }
  }

  private Store connect() throws Exception {
    Store store = session.getStore("imap");
    store.connect("localhost", server.port(), USER, LiveImapServer.PASSWORD);
    return store;
  }

  private MimeMessage parse(String raw) throws Exception {
    return new MimeMessage(session, new ByteArrayInputStream(TestMessages.bytes(raw)));
  }
}
