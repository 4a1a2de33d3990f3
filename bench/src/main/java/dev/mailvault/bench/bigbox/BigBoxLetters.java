package dev.mailvault.bench.bigbox;

import dev.mailvault.bench.EnglishText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The generated letters of the 100,000-message mailbox (docs/adr/0227-bigbox-benchmark.md): plain
 * text, text with an HTML alternative, and letters with a base64 attachment, 5 KB to 2 MB, a third
 * of them replies (In-Reply-To and References to a recent letter, "Re: " subject) so THREAD has
 * real threads. The three search targets are planted at known rates and counted by {@link
 * BigBoxCorpus}.
 */
final class BigBoxLetters {

  /** The word of the body search: in one generated letter in a thousand. */
  static final String RARE_WORD = "quillwort";

  /** The token of the subject search: in one subject in a hundred. */
  static final String SUBJECT_TOKEN = "Kestrel";

  /** The address of the FROM search: the sender of about 1.2 % of the letters. */
  static final String FREQUENT_SENDER = "grace.okafor@lists.example.org";

  private static final String[] FIRST = {
    "Alice", "Bruno", "Chloe", "Daniel", "Emma", "Farid", "Grace", "Hiro", "Ines", "Jonas",
    "Katarzyna", "Liam", "Maya", "Noah", "Olga", "Pedro", "Quinn", "Rosa", "Sven", "Tomoko",
    "Ugo", "Vera", "Wen", "Ximena", "Yusuf", "Zofia", "Amir", "Bea", "Carl", "Dalia"
  };
  private static final String[] LAST = {
    "Anderson", "Becker", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Hansen", "Ito",
    "Jensen", "Kowalski", "Lambert", "Moreau", "Nakamura", "Petrov", "Rossi", "Silva", "Tanaka",
    "Umarov", "Varga", "Weber", "Xu", "Yilmaz", "Zhang"
  };
  private static final String[] DOMAINS = {
    "example.com", "example.org", "example.net", "mail.example.com", "corp.example"
  };
  private static final DateTimeFormatter RFC5322_DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
  private static final Base64.Encoder MIME_BASE64 =
      Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII));
  private static final int RECENT = 256;
  private static final int ATTACHMENT_TEXT = 1500;

  private final SplittableRandom random;
  private final EnglishText text;
  private final String[] recentIds = new String[RECENT];
  private final String[] recentSubjects = new String[RECENT];
  private long generated;

  /** What one letter planted, for the expected hit counts. */
  record Letter(byte[] raw, boolean rareWord, boolean subjectToken, boolean frequentSender) {}

  BigBoxLetters(long seed) {
    this.random = new SplittableRandom(seed);
    this.text = new EnglishText(random.split());
  }

  /** The next letter, sent at {@code sent}. */
  Letter next(Instant sent) {
    long n = generated++;
    boolean rare = n % 1000 == 500;
    boolean frequent = random.nextInt(1000) < 12;
    String from = frequent ? "Grace Okafor <" + FREQUENT_SENDER + ">" : person();
    String to = "Big Box <big0@bench.test>";
    String messageId = Long.toString(n, 36) + "." + Long.toHexString(random.nextLong()) + "@bb";
    String subject;
    String references = null;
    int slot = (int) (n % RECENT);
    if (n > 10 && random.nextInt(3) == 0) {
      int parent =
          (int) Math.floorMod(n - 1 - random.nextInt((int) Math.min(n, RECENT - 1)), RECENT);
      String base = recentSubjects[parent];
      subject = base.startsWith("Re: ") ? base : "Re: " + base;
      references = recentIds[parent];
    } else {
      subject = subject();
    }
    if (random.nextInt(100) == 0) {
      subject = SUBJECT_TOKEN + " " + subject;
    }
    // replies inherit the token from their parent's subject, so count what is written
    boolean token = subject.contains(SUBJECT_TOKEN);
    recentIds[slot] = messageId;
    recentSubjects[slot] = subject;

    StringBuilder h = new StringBuilder(1200);
    String date = RFC5322_DATE.format(sent.minusSeconds(5 + random.nextInt(600)).atOffset(zone()));
    h.append("Return-Path: <").append(address(from)).append(">\r\n");
    h.append("Received: from mx")
        .append(random.nextInt(9) + 1)
        .append(".example.net (mx.example.net [192.0.2.")
        .append(random.nextInt(250) + 1)
        .append("])\r\n\tby mail.bench.test with ESMTPS id ")
        .append(Long.toHexString(random.nextLong()))
        .append("\r\n\tfor <big0@bench.test>; ")
        .append(RFC5322_DATE.format(sent.atOffset(ZoneOffset.UTC)))
        .append("\r\n");
    h.append("From: ").append(from).append("\r\n");
    h.append("To: ").append(to).append("\r\n");
    if (random.nextInt(4) == 0) {
      h.append("Cc: ").append(person()).append(", ").append(person()).append("\r\n");
    }
    h.append("Subject: ").append(subject).append("\r\n");
    h.append("Date: ").append(date).append("\r\n");
    h.append("Message-ID: <").append(messageId).append(">\r\n");
    if (references != null) {
      h.append("In-Reply-To: <").append(references).append(">\r\n");
      h.append("References: <").append(references).append(">\r\n");
    }
    h.append("MIME-Version: 1.0\r\n");

    int kind = random.nextInt(1000);
    String body = body(5 * 1024 + random.nextInt(7 * 1024) - h.length(), rare);
    byte[] raw;
    if (kind < 900) {
      h.append(
          "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n");
      raw = (h + body).getBytes(StandardCharsets.UTF_8);
    } else if (kind < 935) {
      raw = alternative(h, body);
    } else {
      int size;
      if (kind < 993) {
        size = 20_000 + random.nextInt(80_000);
      } else if (kind < 999) {
        size = 100_000 + random.nextInt(900_000);
      } else {
        size = 1_000_000 + random.nextInt(1_000_000);
      }
      raw = withAttachment(h, body, size * 3 / 4);
      // the text part of a letter with an attachment is the body's first 1,500 characters
      rare = rare && body.indexOf(RARE_WORD) < ATTACHMENT_TEXT - RARE_WORD.length();
    }
    return new Letter(raw, rare, token, frequent);
  }

  private String body(int bytes, boolean rare) {
    String prose = text.paragraphs(Math.max(1024, bytes));
    if (!rare) {
      return prose;
    }
    int at = prose.indexOf("\r\n", prose.length() / 2);
    return prose.substring(0, at)
        + "\r\nThe "
        + RARE_WORD
        + " by the pond is back."
        + prose.substring(at);
  }

  private byte[] alternative(StringBuilder h, String body) {
    String boundary = "=_alt_" + Long.toHexString(random.nextLong());
    h.append("Content-Type: multipart/alternative; boundary=\"")
        .append(boundary)
        .append("\"\r\n\r\n");
    h.append("--").append(boundary).append("\r\n");
    h.append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n");
    h.append(body);
    h.append("\r\n--").append(boundary).append("\r\n");
    h.append("Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n");
    h.append("<html><body>\r\n");
    for (String paragraph : body.split("\r\n\r\n")) {
      h.append("<p>").append(paragraph).append("</p>\r\n");
    }
    h.append("</body></html>\r\n--").append(boundary).append("--\r\n");
    return h.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] withAttachment(StringBuilder h, String body, int binaryBytes) {
    String boundary = "=_mix_" + Long.toHexString(random.nextLong());
    h.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n");
    h.append("This is a multi-part message in MIME format.\r\n\r\n--")
        .append(boundary)
        .append("\r\n");
    h.append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n");
    h.append(body, 0, Math.min(body.length(), ATTACHMENT_TEXT));
    h.append("\r\n--").append(boundary).append("\r\n");
    String name = text.word() + "-" + generated + (random.nextBoolean() ? ".pdf" : ".zip");
    h.append("Content-Type: application/octet-stream; name=\"").append(name).append("\"\r\n");
    h.append("Content-Disposition: attachment; filename=\"").append(name).append("\"\r\n");
    h.append("Content-Transfer-Encoding: base64\r\n\r\n");
    byte[] head = h.toString().getBytes(StandardCharsets.UTF_8);
    byte[] encoded = MIME_BASE64.encode(randomBytes(binaryBytes));
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] raw = new byte[head.length + encoded.length + tail.length];
    System.arraycopy(head, 0, raw, 0, head.length);
    System.arraycopy(encoded, 0, raw, head.length, encoded.length);
    System.arraycopy(tail, 0, raw, head.length + encoded.length, tail.length);
    return raw;
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; ) {
      long r = random.nextLong();
      for (int k = 0; k < 8 && i < length; k++, r >>>= 8) {
        bytes[i++] = (byte) r;
      }
    }
    return bytes;
  }

  private String subject() {
    String s = text.sentence();
    s = s.substring(0, s.length() - 1);
    if (s.length() > 60) {
      s = s.substring(0, s.lastIndexOf(' ', 60));
    }
    return s;
  }

  private ZoneOffset zone() {
    return ZoneOffset.ofHours(random.nextInt(5) - 2);
  }

  private String person() {
    String first = FIRST[random.nextInt(FIRST.length)];
    String last = LAST[random.nextInt(LAST.length)];
    String local = (first + "." + last).toLowerCase(Locale.ROOT);
    return first
        + " "
        + last
        + " <"
        + local
        + "@"
        + DOMAINS[Math.floorMod(local.hashCode(), DOMAINS.length)]
        + ">";
  }

  private static String address(String from) {
    return from.substring(from.indexOf('<') + 1, from.indexOf('>'));
  }
}
