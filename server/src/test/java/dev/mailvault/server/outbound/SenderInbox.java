package dev.mailvault.server.outbound;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** The sender's INBOX as a mail client sees it: Angus Mail's IMAP client, logged in on loopback. */
final class SenderInbox {

  private final int imapPort;
  private final String alias;
  private final String password;

  SenderInbox(int imapPort, String alias, String password) {
    this.imapPort = imapPort;
    this.alias = alias;
    this.password = password;
  }

  /** Every message in INBOX, whole, as IMAP returns it. */
  List<byte[]> messages() throws MessagingException, IOException {
    Properties properties = new Properties();
    properties.put("mail.imap.connectiontimeout", "20000");
    properties.put("mail.imap.timeout", "20000");
    Store store = Session.getInstance(properties).getStore("imap");
    store.connect("127.0.0.1", imapPort, alias, password);
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      List<byte[]> raw = new ArrayList<>();
      for (Message message : inbox.getMessages()) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        raw.add(bytes.toByteArray());
      }
      inbox.close(false);
      return raw;
    } finally {
      store.close();
    }
  }
}
