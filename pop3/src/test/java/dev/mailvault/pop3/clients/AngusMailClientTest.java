package dev.mailvault.pop3.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.pop3.server.LivePop3Server;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Properties;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Angus Mail's POP3 provider, as a Java mail client uses it: pop3s and pop3 with STLS required,
 * message count, UIDs, the raw message, and a delete committed by closing the folder (QUIT).
 */
class AngusMailClientTest {

  @TempDir Path data;

  private static Session session(String protocol, boolean stls) {
    Properties properties = new Properties();
    // The test certificate is self-signed for localhost: trust exactly that host.
    properties.put("mail." + protocol + ".ssl.trust", "localhost");
    properties.put("mail." + protocol + ".ssl.checkserveridentity", "false");
    properties.put("mail." + protocol + ".connectiontimeout", "10000");
    properties.put("mail." + protocol + ".timeout", "30000");
    if (stls) {
      properties.put("mail.pop3.starttls.enable", "true");
      properties.put("mail.pop3.starttls.required", "true");
    }
    return Session.getInstance(properties);
  }

  @Test
  void readsAndDeletesOverPop3s() throws Exception {
    try (LivePop3Server server = LivePop3Server.start(data)) {
      ClientSetup.twoMessages(server);
      Store store = session("pop3s", false).getStore("pop3s");
      store.connect("localhost", server.tlsPort(), ClientSetup.USER, LivePop3Server.PASSWORD);
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      assertThat(inbox.getMessageCount()).isEqualTo(2);
      Message first = inbox.getMessage(1);
      assertThat(first.getSubject()).isEqualTo("first");
      assertThat(raw(first)).isEqualTo(ClientSetup.bytes(ClientSetup.FIRST));
      String uid = ((POP3Folder) inbox).getUID(inbox.getMessage(2));
      assertThat(uid).matches("[0-9a-f]{8}00000002");
      first.setFlag(Flags.Flag.DELETED, true);
      inbox.close(true);
      store.close();

      Store again = session("pop3", true).getStore("pop3");
      again.connect("localhost", server.port(), ClientSetup.USER, LivePop3Server.PASSWORD);
      Folder left = again.getFolder("INBOX");
      left.open(Folder.READ_ONLY);
      assertThat(left.getMessageCount()).isEqualTo(1);
      assertThat(((POP3Folder) left).getUID(left.getMessage(1))).isEqualTo(uid);
      assertThat(left.getMessage(1).getSubject()).isEqualTo("second");
      left.close(false);
      again.close();
    }
  }

  private static byte[] raw(Message message) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    message.writeTo(out);
    return out.toByteArray();
  }
}
