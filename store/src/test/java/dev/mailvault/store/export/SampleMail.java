package dev.mailvault.store.export;

import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.store.Vault;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Builds vaults full of awkward mail fast through the store API, and takes snapshots of a vault
 * (per folder, in UID order: bytes, flags, keywords, internal date) to compare two vaults by.
 */
final class SampleMail {

  static final List<String> FOLDERS =
      List.of(
          "INBOX",
          "INBOX/Receipts",
          "Archive/2020",
          "Archive/2021/Q1",
          "Archive/2021/Q2",
          "Projects/Über Ordner/déjà vu",
          "Lists/dev",
          "Lists/dev/patches");

  private static final String[] KEYWORDS = {"$Forwarded", "$Junk", "work", "$label1", "Later"};

  private SampleMail() {}

  /** One message of a kind chosen by {@code i}: every case the mbox format has to get right. */
  static byte[] message(int i, Random random) {
    String eol = i % 7 == 3 ? "\n" : "\r\n";
    StringBuilder sb = new StringBuilder();
    switch (i % 11) {
      case 1 -> sb.append("Status: RO").append(eol).append("X-Status: F").append(eol);
      case 2 -> sb.append("X-Mailvault-Folder: Elsewhere").append(eol);
      case 3 -> sb.append("X-Keywords: fake").append(eol);
      default -> {}
    }
    sb.append("Message-ID: <m").append(i).append("@example.com>").append(eol);
    sb.append("From: Sender ")
        .append(i)
        .append(" <s")
        .append(i)
        .append("@example.com>")
        .append(eol);
    sb.append("To: hello@example.com").append(eol);
    sb.append("Subject: message ").append(i).append(eol);
    sb.append("Date: Thu, 4 Mar 2021 05:06:07 +0000").append(eol);
    sb.append(eol);
    sb.append("Hello number ").append(i).append('.').append(eol);
    sb.append("From the desk of nobody in particular").append(eol);
    sb.append(">From an escaped line").append(eol);
    sb.append(">>From twice").append(eol);
    sb.append("From MAILER-DAEMON Thu Mar  4 05:06:07 2021").append(eol);
    sb.append(eol);
    sb.append("From ").append(eol);
    int words = 20 + random.nextInt(200);
    for (int w = 0; w < words; w++) {
      sb.append("word").append(random.nextInt(1000)).append(w % 12 == 11 ? eol : " ");
    }
    String text = sb.toString();
    switch (i % 5) {
      case 0 -> text += eol; // ends with an empty line
      case 1 -> text += "no line end at the very end";
      case 2 -> text += "ends in a lone CR\r";
      default -> text += "last line" + eol;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    if (i % 13 == 0) {
      byte[] binary = new byte[64];
      random.nextBytes(binary);
      out.writeBytes(binary); // 8-bit bytes, perhaps a stray LF or CR among them
    }
    return out.toByteArray();
  }

  static Flags flags(Random random) {
    EnumSet<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
    for (SystemFlag flag : SystemFlag.values()) {
      if (random.nextInt(3) == 0) {
        system.add(flag);
      }
    }
    TreeSet<String> keywords = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (String k : KEYWORDS) {
      if (random.nextInt(4) == 0) {
        keywords.add(k);
      }
    }
    return new Flags(system, keywords);
  }

  /** Fills {@code vault} with {@code count} messages spread over {@link #FOLDERS}. */
  static void fill(Vault vault, int count, long seed) throws Exception {
    Random random = new Random(seed);
    Map<String, List<NewMessage>> pending = new LinkedHashMap<>();
    for (String folder : FOLDERS) {
      if (!folder.equals("INBOX")) {
        vault.createFolder(folder);
      }
      pending.put(folder, new ArrayList<>());
    }
    vault.createFolder("Empty/Nested");
    for (int i = 0; i < count; i++) {
      String folder = FOLDERS.get(random.nextInt(FOLDERS.size()));
      Instant date = Instant.ofEpochSecond(1_500_000_000L + random.nextInt(200_000_000));
      List<NewMessage> list = pending.get(folder);
      list.add(new NewMessage(message(i, random), flags(random), date));
      if (list.size() == 500) {
        vault.appendAll(folder, list);
        list.clear();
      }
    }
    for (Map.Entry<String, List<NewMessage>> e : pending.entrySet()) {
      if (!e.getValue().isEmpty()) {
        vault.appendAll(e.getKey(), e.getValue());
      }
    }
  }

  /** One message as compared: bytes, flags and keywords, internal date. */
  record Snap(byte[] raw, String flags, Instant date) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Snap s
          && Arrays.equals(raw, s.raw)
          && flags.equals(s.flags)
          && date.equals(s.date);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
      return flags
          + " "
          + date
          + " "
          + new String(raw, 0, Math.min(60, raw.length), StandardCharsets.ISO_8859_1);
    }
  }

  /** Every folder that holds messages, and its messages in UID order. */
  static Map<String, List<Snap>> snapshot(Vault vault) throws Exception {
    Map<String, List<Snap>> folders = new LinkedHashMap<>();
    for (FolderInfo folder : vault.listFolders()) {
      List<Snap> snaps = new ArrayList<>();
      for (MessageMeta meta : vault.messages(folder.name(), UidSet.all())) {
        snaps.add(
            new Snap(
                vault.fetch(folder.name(), meta.uid()),
                describe(meta.flags()),
                meta.internalDate()));
      }
      if (!snaps.isEmpty()) {
        folders.put(folder.name(), snaps);
      }
    }
    return folders;
  }

  static String describe(Flags flags) {
    StringBuilder sb = new StringBuilder();
    for (SystemFlag f : SystemFlag.values()) {
      if (flags.has(f)) {
        sb.append(f.imapName()).append(' ');
      }
    }
    for (String k : flags.keywords()) {
      sb.append(k).append(' ');
    }
    return sb.toString().trim();
  }

  static List<String> folderNames(Vault vault) throws Exception {
    return vault.listFolders().stream().map(FolderInfo::name).toList();
  }
}
