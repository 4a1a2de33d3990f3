package dev.mailvault.server.imapimport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.Literal;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;

/**
 * Mail for an import test: generated from a seed in nested folders with flags, keywords and
 * internal dates, APPENDed byte-exact to a real IMAP server (RFC 9051 §6.3.12), and what the vault
 * must hold after the import.
 */
public final class SeededMail {

  /** Folders with '/' between levels; the source's own delimiter replaces it when seeding. */
  static final List<String> FOLDERS =
      List.of(
          "INBOX",
          "Archive/2023",
          "Archive/2023/Q1",
          "Projects/Übersicht & Pläne",
          "Lists/java-dev",
          "Sent",
          "Trash");

  /** A folder the source has without messages: it must arrive too. */
  static final String EMPTY = "Empty/Nothing here";

  private static final String[] KEYWORDS = {"$Forwarded", "$MDNSent", "work", "Later", "$label1"};

  public record Message(String folder, byte[] raw, Flags flags, Instant internalDate) {}

  private final List<Message> messages;

  private SeededMail(List<Message> messages) {
    this.messages = messages;
  }

  public static SeededMail generate(long seed, int count) {
    Random random = new Random(seed);
    List<Message> messages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String folder = FOLDERS.get(i < FOLDERS.size() ? i : random.nextInt(FOLDERS.size()));
      Instant date =
          Instant.ofEpochSecond(1_330_000_000L + (long) (random.nextDouble() * 380_000_000L));
      messages.add(new Message(folder, raw(random, i, date), flags(random), date));
    }
    return new SeededMail(List.copyOf(messages));
  }

  public List<Message> messages() {
    return messages;
  }

  List<Message> in(String folder) {
    return messages.stream().filter(m -> m.folder().equals(folder)).toList();
  }

  /** Creates the folders and APPENDs every message over IMAP, in order. */
  public void appendTo(int port, String user, String password) throws Exception {
    Properties props = new Properties();
    props.put("mail.imap.starttls.enable", "true");
    props.put("mail.imap.ssl.trust", "*");
    IMAPStore store = (IMAPStore) Session.getInstance(props).getStore("imap");
    store.connect("127.0.0.1", port, user, password);
    try {
      char delimiter = store.getDefaultFolder().getSeparator();
      String prefix = personalPrefix(store, delimiter);
      List<String> all = new ArrayList<>(FOLDERS);
      all.add(EMPTY);
      for (String name : all) {
        Folder folder = store.getFolder(sourceName(name, prefix, delimiter));
        if (!folder.exists()) {
          folder.create(Folder.HOLDS_MESSAGES);
        }
        folder.setSubscribed(true);
      }
      IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
      boolean multiAppend = store.hasCapability("MULTIAPPEND");
      for (String folder : FOLDERS) {
        // RFC 3502 MULTIAPPEND: a folder's messages in a few commands, in order (so UIDs follow).
        List<Message> held = in(folder);
        int chunk = multiAppend ? 40 : 1;
        for (int from = 0; from < held.size(); from += chunk) {
          List<Message> part = held.subList(from, Math.min(held.size(), from + chunk));
          String name = sourceName(folder, prefix, delimiter);
          inbox.doCommand(
              protocol -> {
                // RFC 9755 / RFC 6855: after ENABLE UTF8=ACCEPT names are UTF-8, else modified
                // UTF-7.
                Argument args =
                    protocol.supportsUtf8()
                        ? new Argument().writeString(name, StandardCharsets.UTF_8)
                        : new Argument().writeString(BASE64MailboxEncoder.encode(name));
                for (Message message : part) {
                  args.writeAtom(flagList(message.flags()));
                  args.writeString(INTERNALDATE.format(Date.from(message.internalDate())));
                  args.writeBytes(literal(message.raw()));
                }
                Response[] responses = protocol.command("APPEND", args);
                protocol.handleResult(responses[responses.length - 1]);
                return null;
              });
        }
      }
    } finally {
      store.close();
    }
  }

  /**
   * The personal namespace's prefix with its delimiter (RFC 2342): "" on Mailvault, {@code INBOX.}
   * on a Courier-style server, where every folder but INBOX lives below it.
   */
  private static String personalPrefix(IMAPStore store, char delimiter) throws Exception {
    Folder[] personal = store.getPersonalNamespaces();
    String prefix = personal.length == 0 ? "" : personal[0].getFullName();
    return prefix.isEmpty() || prefix.charAt(prefix.length() - 1) == delimiter
        ? prefix
        : prefix + delimiter;
  }

  private static String sourceName(String folder, String prefix, char delimiter) {
    return folder.equals("INBOX") ? folder : prefix + folder.replace('/', delimiter);
  }

  /** Every seeded folder and message, in order, with its bytes, flags, keywords and date. */
  public void assertHeldBy(MailboxAccess vault) throws Exception {
    assertThat(vault.folder(EMPTY).messages()).as(EMPTY).isZero();
    for (String folder : FOLDERS) {
      List<Message> expected = in(folder);
      long[] uids = vault.uids(folder);
      assertThat(uids).as("messages in %s", folder).hasSize(expected.size());
      List<MessageMeta> metas = uids.length == 0 ? List.of() : vault.messages(folder, UidSet.all());
      for (int i = 0; i < expected.size(); i++) {
        Message want = expected.get(i);
        MessageMeta meta = metas.get(i);
        assertThat(vault.fetch(folder, meta.uid()))
            .as("bytes of message %d in %s", i, folder)
            .isEqualTo(want.raw());
        assertThat(meta.flags().sameAs(want.flags()))
            .as("flags of message %d in %s: %s, expected %s", i, folder, meta.flags(), want.flags())
            .isTrue();
        assertThat(meta.internalDate())
            .as("date of message %d in %s", i, folder)
            .isEqualTo(want.internalDate());
      }
    }
  }

  private static byte[] raw(Random random, int index, Instant date) {
    StringBuilder text = new StringBuilder();
    text.append("Return-Path: <sender").append(index % 7).append("@example.org>\r\n");
    text.append("From: Sender ").append(index % 7).append(" <sender@example.org>\r\n");
    text.append("To: source@example.com\r\n");
    text.append("Subject: Message ").append(index).append(" =?UTF-8?Q?gr=C3=BC=C3=9Fe?=\r\n");
    text.append("Date: ")
        .append(
            java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                date.atZone(java.time.ZoneOffset.UTC)))
        .append("\r\n");
    text.append("Message-ID: <")
        .append(index)
        .append(".")
        .append(random.nextInt(1 << 30))
        .append("@example.org>\r\n");
    text.append("MIME-Version: 1.0\r\n");
    text.append("Content-Type: text/plain; charset=utf-8\r\n");
    text.append("Content-Transfer-Encoding: 8bit\r\n\r\n");
    int lines = index % 50 == 17 ? 4000 : 3 + random.nextInt(60);
    for (int line = 0; line < lines; line++) {
      text.append("Line ").append(line).append(" of message ").append(index);
      text.append(random.nextInt(4) == 0 ? " – Grüße, ½ € · ✓" : " plain ascii text")
          .append("\r\n");
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Flags flags(Random random) {
    Set<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
    if (random.nextInt(10) < 7) {
      system.add(SystemFlag.SEEN);
    }
    if (random.nextInt(10) < 2) {
      system.add(SystemFlag.ANSWERED);
    }
    if (random.nextInt(10) == 0) {
      system.add(SystemFlag.FLAGGED);
    }
    if (random.nextInt(20) == 0) {
      system.add(SystemFlag.DELETED);
    }
    if (random.nextInt(20) == 0) {
      system.add(SystemFlag.DRAFT);
    }
    TreeSet<String> keywords = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (String keyword : KEYWORDS) {
      if (random.nextInt(6) == 0) {
        keywords.add(keyword);
      }
    }
    return new Flags(system, keywords);
  }

  private static String flagList(Flags flags) {
    List<String> names = new ArrayList<>();
    flags.system().forEach(flag -> names.add(flag.imapName()));
    names.addAll(flags.keywords());
    return "(" + String.join(" ", names) + ")";
  }

  private static Literal literal(byte[] raw) {
    return new Literal() {
      @Override
      public int size() {
        return raw.length;
      }

      @Override
      public void writeTo(java.io.OutputStream out) throws java.io.IOException {
        out.write(raw);
      }
    };
  }
}
