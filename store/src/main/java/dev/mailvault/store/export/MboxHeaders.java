package dev.mailvault.store.export;

import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The header lines that carry a message's folder and flags in an mbox file, as the Mailvault mbox
 * export writes them in front of each message and as other software writes them
 * (docs/adr/0136-mbox-export-format.md):
 *
 * <ul>
 *   <li>{@code X-Mailvault-Folder}: the folder, UTF-8 bytes of 0x80 and above as {@code %XX}
 *       ({@code %} cannot occur in a folder name, so this is reversible);
 *   <li>{@code Status}: {@code R} seen, {@code O} old (mutt, Dovecot, Thunderbird);
 *   <li>{@code X-Status}: {@code A} answered, {@code F} flagged, {@code T} draft, {@code D} deleted
 *       (Dovecot, mutt);
 *   <li>{@code X-Keywords}: keywords separated by spaces (Dovecot; commas are read too);
 *   <li>read only: {@code X-Mozilla-Status} (Thunderbird's hex flags) and {@code X-Mozilla-Keys}.
 * </ul>
 */
public final class MboxHeaders {

  public static final String FOLDER = "X-Mailvault-Folder";
  public static final String STATUS = "Status";
  public static final String X_STATUS = "X-Status";
  public static final String X_KEYWORDS = "X-Keywords";

  /** The header names the exporter writes, in the order it writes them. */
  public static final String[] EXPORT_ORDER = {FOLDER, STATUS, X_STATUS, X_KEYWORDS};

  /**
   * Headers that are mailbox state written by mail software into a foreign mbox, not part of the
   * message as received; the importer reads flags from them and drops them, as Dovecot does.
   */
  public static final Set<String> FOREIGN_STATE =
      Set.of(
          "status",
          "x-status",
          "x-keywords",
          "x-uid",
          "x-imap",
          "x-imapbase",
          "x-mozilla-status",
          "x-mozilla-status2",
          "x-mozilla-keys");

  private MboxHeaders() {}

  /** The block the exporter puts in front of a message, each line ended by {@code eol}. */
  static byte[] exportBlock(String folder, Flags flags, String eol) {
    StringBuilder sb = new StringBuilder();
    sb.append(FOLDER).append(": ").append(encodeFolder(folder)).append(eol);
    sb.append(STATUS).append(": ").append(status(flags)).append(eol);
    sb.append(X_STATUS).append(": ").append(xStatus(flags)).append(eol);
    sb.append(X_KEYWORDS).append(": ").append(String.join(" ", flags.keywords())).append(eol);
    return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  static String status(Flags flags) {
    return flags.has(SystemFlag.SEEN) ? "RO" : "O";
  }

  static String xStatus(Flags flags) {
    StringBuilder sb = new StringBuilder();
    if (flags.has(SystemFlag.ANSWERED)) {
      sb.append('A');
    }
    if (flags.has(SystemFlag.FLAGGED)) {
      sb.append('F');
    }
    if (flags.has(SystemFlag.DRAFT)) {
      sb.append('T');
    }
    if (flags.has(SystemFlag.DELETED)) {
      sb.append('D');
    }
    return sb.toString();
  }

  /** Folder names are UTF-8; header bytes stay ASCII. */
  public static String encodeFolder(String folder) {
    StringBuilder sb = new StringBuilder();
    for (byte b : folder.getBytes(StandardCharsets.UTF_8)) {
      int u = b & 0xff;
      if (u >= 0x80) {
        sb.append('%').append(String.format(Locale.ROOT, "%02X", u));
      } else {
        sb.append((char) u);
      }
    }
    return sb.toString();
  }

  public static String decodeFolder(String encoded) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%' && isHex(encoded, i + 1)) {
        out.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(String s, int at) {
    return at + 2 <= s.length()
        && Character.digit(s.charAt(at), 16) >= 0
        && Character.digit(s.charAt(at + 1), 16) >= 0;
  }

  /** Collects flags from the state headers of one message, whichever software wrote them. */
  public static final class FlagReader {
    private final EnumSet<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
    private final TreeSet<String> keywords = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    /** Takes one header (name as written, value unfolded); ignores headers that carry no flags. */
    public void header(String name, String value) {
      switch (name.toLowerCase(Locale.ROOT)) {
        case "status" -> {
          if (value.indexOf('R') >= 0) {
            system.add(SystemFlag.SEEN);
          }
        }
        case "x-status" -> {
          addIf(value, 'A', SystemFlag.ANSWERED);
          addIf(value, 'F', SystemFlag.FLAGGED);
          addIf(value, 'T', SystemFlag.DRAFT);
          addIf(value, 'D', SystemFlag.DELETED);
        }
        case "x-keywords", "x-mozilla-keys" -> keywords(value);
        case "x-mozilla-status" -> mozillaStatus(value.trim());
        default -> {}
      }
    }

    private void addIf(String value, char letter, SystemFlag flag) {
      if (value.indexOf(letter) >= 0) {
        system.add(flag);
      }
    }

    private void keywords(String value) {
      for (String word : value.split("[\\s,]+")) {
        if (isKeyword(word)) {
          keywords.add(word);
        }
      }
    }

    /** Thunderbird: 0x1 read, 0x2 replied, 0x4 marked (flagged), 0x8 expunged (deleted). */
    private void mozillaStatus(String hex) {
      int bits;
      try {
        bits = Integer.parseInt(hex, 16);
      } catch (NumberFormatException e) {
        return;
      }
      if ((bits & 0x1) != 0) {
        system.add(SystemFlag.SEEN);
      }
      if ((bits & 0x2) != 0) {
        system.add(SystemFlag.ANSWERED);
      }
      if ((bits & 0x4) != 0) {
        system.add(SystemFlag.FLAGGED);
      }
      if ((bits & 0x8) != 0) {
        system.add(SystemFlag.DELETED);
      }
    }

    public Flags flags() {
      return new Flags(system, keywords);
    }
  }

  /** RFC 9051 §9 flag-keyword: an atom; anything else in a foreign file is dropped. */
  public static boolean isKeyword(String word) {
    if (word.isEmpty() || word.charAt(0) == '\\') {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c <= 0x20 || c >= 0x7f || "(){%*\"\\]".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }
}
