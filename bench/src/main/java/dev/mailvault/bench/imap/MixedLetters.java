package dev.mailvault.bench.imap;

import dev.mailvault.bench.SyntheticMail;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The mail of the ImapTest stress benchmark, deterministic for a seed: mostly ~10 KB 7bit ASCII
 * text letters ({@link Letters}), and every eighth message a multipart/mixed one with a base64
 * attachment of about 100 KB (its encoded form). Subjects and text are ASCII because ImapTest's
 * SEARCH model takes byte substrings of subjects and reads bodies undecoded (its README).
 */
final class MixedLetters implements Supplier<byte[]> {

  /** Binary bytes of the attachment: 75 KiB is ~100 KB once in base64 with line breaks. */
  static final int ATTACHMENT_BYTES = 75 * 1024;

  static final int ATTACHMENT_EVERY = 8;

  private final Letters letters;
  private final SyntheticMail mail;
  private long sequence;

  MixedLetters(long seed) {
    letters = new Letters(seed);
    mail = new SyntheticMail(seed ^ 0x5EED);
  }

  @Override
  public byte[] get() {
    long n = sequence++;
    byte[] raw =
        n % ATTACHMENT_EVERY == ATTACHMENT_EVERY - 1
            ? mail.attachmentMessage(n, mail.randomBytes(ATTACHMENT_BYTES))
            : letters.get();
    raw = withoutFromLines(raw);
    if (raw[raw.length - 1] != '\n') {
      // the mbox file needs a line end before the next "From " line, and the seeded copy must
      // be the same bytes as the one ImapTest reads from there
      raw = Arrays.copyOf(raw, raw.length + 2);
      raw[raw.length - 2] = '\r';
      raw[raw.length - 1] = '\n';
    }
    return raw;
  }

  /**
   * A body line starting with "From " would need mboxrd quoting in the mbox file, and ImapTest does
   * not unquote: the message it appends would differ from the seeded one. Lower-casing the word
   * keeps both the same (headers say "From:", never "From ").
   */
  private static byte[] withoutFromLines(byte[] raw) {
    String text = new String(raw, StandardCharsets.US_ASCII);
    if (!text.contains("\nFrom ")) {
      return raw;
    }
    return text.replace("\nFrom ", "\nfrom ").getBytes(StandardCharsets.US_ASCII);
  }
}
