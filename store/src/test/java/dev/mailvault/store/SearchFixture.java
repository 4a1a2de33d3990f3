package dev.mailvault.store;

import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;

/**
 * Random messages for search tests, each with the plain facts a reference evaluator needs: the
 * decoded header values and body text as generated (before any encoding), flags, dates and size.
 */
final class SearchFixture {

  static final List<String> WORDS =
      List.of(
          "invoice",
          "meeting",
          "Lunch",
          "report",
          "Café",
          "crème",
          "Grüße",
          "naïve",
          "budget",
          "ALPHA",
          "beta",
          "Gamma",
          "Zürich",
          "résumé",
          "delta",
          "Ωmega",
          "quarterly",
          "hello");
  static final List<String> NAMES =
      List.of("Alice Archer", "Bob Baker", "Jörg Müller", "Zoë Ortiz", "Chen Wei", "Dana Doe");
  static final List<String> DOMAINS = List.of("example.org", "mail.example.net", "corp.example");
  static final List<String> KEYWORDS = List.of("$Junk", "$Forwarded", "Work", "todo");
  static final LocalDate FIRST_DAY = LocalDate.of(2023, 12, 26);
  static final int DAYS = 14;

  /** One generated message and what is true of it. */
  record Spec(
      byte[] raw,
      Flags flags,
      Instant internalDate,
      LocalDate sentDay,
      List<String[]> headers,
      String bodyText) {

    /** Decoded values of a header field, by name, case-insensitively. */
    List<String> values(String name) {
      List<String> values = new ArrayList<>();
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          values.add(h[1]);
        }
      }
      return values;
    }
  }

  private final Random random;

  SearchFixture(long seed) {
    this.random = new Random(seed);
  }

  Random random() {
    return random;
  }

  String word() {
    return WORDS.get(random.nextInt(WORDS.size()));
  }

  String words(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        s.append(' ');
      }
      s.append(word());
    }
    return s.toString();
  }

  Flags flags() {
    EnumSet<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
    for (SystemFlag flag : SystemFlag.values()) {
      if (random.nextInt(3) == 0) {
        system.add(flag);
      }
    }
    TreeSet<String> keywords = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (String keyword : KEYWORDS) {
      if (random.nextInt(4) == 0) {
        keywords.add(keyword);
      }
    }
    return new Flags(system, keywords);
  }

  Spec message(int index) {
    List<String[]> headers = new ArrayList<>();
    StringBuilder raw = new StringBuilder();
    String from = mailbox();
    addAddressField(raw, headers, "From", List.of(from));
    addAddressField(raw, headers, "To", mailboxes(1 + random.nextInt(3)));
    if (random.nextBoolean()) {
      addAddressField(raw, headers, "Cc", mailboxes(1 + random.nextInt(2)));
    }
    if (random.nextInt(4) == 0) {
      addAddressField(raw, headers, "Bcc", mailboxes(1));
    }
    String subject = words(1 + random.nextInt(4)) + " #" + index;
    field(raw, headers, "Subject", encodeWords(subject), subject);
    LocalDate sentDay = null;
    if (random.nextInt(8) != 0) {
      LocalDateTime local =
          FIRST_DAY.plusDays(random.nextInt(DAYS)).atTime(random.nextInt(24), random.nextInt(60));
      ZoneOffset zone = ZoneOffset.ofHoursMinutes(random.nextInt(27) - 12, 0);
      String date =
          DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss xx", Locale.ROOT)
              .format(local.atOffset(zone));
      field(raw, headers, "Date", date, date);
      sentDay = local.toLocalDate();
    }
    if (random.nextInt(3) == 0) {
      String priority = Integer.toString(1 + random.nextInt(5));
      field(raw, headers, "X-Priority", priority, priority);
    }
    field(
        raw, headers, "Message-ID", "<m" + index + "@example.org>", "<m" + index + "@example.org>");
    field(raw, headers, "MIME-Version", "1.0", "1.0");
    String body = words(3 + random.nextInt(40));
    String bodyBlock;
    switch (random.nextInt(4)) {
      case 0 -> {
        field(raw, headers, "Content-Type", "text/plain; charset=utf-8", null);
        bodyBlock = body + "\r\n";
      }
      case 1 -> {
        field(raw, headers, "Content-Type", "text/plain; charset=utf-8", null);
        field(raw, headers, "Content-Transfer-Encoding", "quoted-printable", null);
        bodyBlock = quotedPrintable(body) + "\r\n";
      }
      case 2 -> {
        field(raw, headers, "Content-Type", "text/plain; charset=UTF-8", null);
        field(raw, headers, "Content-Transfer-Encoding", "base64", null);
        bodyBlock =
            Base64.getMimeEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) + "\r\n";
      }
      default -> {
        field(
            raw,
            headers,
            "Content-Type",
            "multipart/alternative; boundary=\"b" + index + "\"",
            null);
        String html = words(2 + random.nextInt(10));
        bodyBlock =
            "--b"
                + index
                + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                + quotedPrintable(body)
                + "\r\n--b"
                + index
                + "\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>"
                + html
                + "</p>\r\n--b"
                + index
                + "--\r\n";
        // HtmlText turns each tag into a space.
        body = body + "\n " + html + " ";
      }
    }
    raw.append("\r\n").append(bodyBlock);
    Instant internal =
        FIRST_DAY
            .plusDays(random.nextInt(DAYS))
            .atTime(random.nextInt(24), random.nextInt(60), random.nextInt(60))
            .toInstant(ZoneOffset.UTC);
    return new Spec(
        raw.toString().getBytes(StandardCharsets.UTF_8), flags(), internal, sentDay, headers, body);
  }

  private String mailbox() {
    String name = NAMES.get(random.nextInt(NAMES.size()));
    String local = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + random.nextInt(3);
    return name + "\u0000" + local + "@" + DOMAINS.get(random.nextInt(DOMAINS.size()));
  }

  private List<String> mailboxes(int n) {
    List<String> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(mailbox());
    }
    return list;
  }

  /** A field of "Name <addr>" mailboxes: names with non-ASCII letters go as RFC 2047 words. */
  private void addAddressField(
      StringBuilder raw, List<String[]> headers, String name, List<String> mailboxes) {
    List<String> wire = new ArrayList<>();
    List<String> decoded = new ArrayList<>();
    for (String m : mailboxes) {
      String[] parts = m.split("\u0000");
      wire.add(encodeWords(parts[0]) + " <" + parts[1] + ">");
      decoded.add(parts[0] + " <" + parts[1] + ">");
    }
    field(raw, headers, name, String.join(", ", wire), String.join(", ", decoded));
  }

  private static void field(
      StringBuilder raw, List<String[]> headers, String name, String wire, String decoded) {
    raw.append(name).append(": ").append(wire).append("\r\n");
    headers.add(new String[] {name, decoded == null ? wire : decoded});
  }

  /** RFC 2047 B-encoding of the whole text when it is not ASCII. */
  private String encodeWords(String text) {
    if (StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
      return text;
    }
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    if (random.nextBoolean()) {
      return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(utf8) + "?=";
    }
    StringBuilder q = new StringBuilder("=?utf-8?q?");
    for (byte b : utf8) {
      int v = b & 0xff;
      if (v == ' ') {
        q.append('_');
      } else if (v < 0x80 && Character.isLetterOrDigit(v)) {
        q.append((char) v);
      } else {
        q.append(String.format("=%02X", v));
      }
    }
    return q.append("?=").toString();
  }

  /** Quoted-printable with soft line breaks every 60 characters (RFC 2045 §6.7). */
  static String quotedPrintable(String text) {
    StringBuilder out = new StringBuilder();
    int line = 0;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int v = b & 0xff;
      String piece =
          v >= 33 && v <= 126 && v != '=' || v == ' '
              ? String.valueOf((char) v)
              : String.format("=%02X", v);
      if (line + piece.length() > 60) {
        out.append("=\r\n");
        line = 0;
      }
      out.append(piece);
      line += piece.length();
    }
    return out.toString();
  }
}
