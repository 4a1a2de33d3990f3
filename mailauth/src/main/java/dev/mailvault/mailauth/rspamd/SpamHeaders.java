package dev.mailvault.mailauth.rspamd;

import dev.mailvault.mailauth.dkim.HeaderField;
import dev.mailvault.mailauth.dkim.MessageHeader;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The spam header fields we add for the user's client and Sieve ({@code header :contains
 * "X-Spam-Flag" "YES"}), in the style of rspamd's milter_headers module, and the removal of copies
 * a sender forged: a field we did not write must not say the message was scanned clean.
 */
public final class SpamHeaders {

  /** The most symbols listed in X-Spamd-Result; the strongest first. */
  static final int MAX_SYMBOLS = 50;

  /** The most options listed per symbol. */
  static final int MAX_OPTIONS = 5;

  /** The longest option kept, in characters. */
  static final int MAX_OPTION_LENGTH = 60;

  /** The longest symbol name kept, in characters. */
  static final int MAX_NAME_LENGTH = 50;

  /** The largest score shown: two decimals of anything larger would make a word too long. */
  private static final double MAX_SHOWN = 99_999.99;

  /** RFC 5322 §2.1.1: lines SHOULD be no longer than 78 characters. */
  private static final int LINE = 78;

  private SpamHeaders() {}

  /**
   * {@code message} without any header field whose name starts, case-insensitively, with {@code
   * X-Spam} or {@code X-Rspamd-}, folded lines included; the body is untouched. The same array
   * comes back when there is nothing to remove.
   */
  public static byte[] stripForged(byte[] message) {
    MessageHeader header = MessageHeader.parse(message);
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length);
    boolean removed = false;
    for (HeaderField field : header.fields()) {
      if (ours(field.name())) {
        removed = true;
      } else {
        out.writeBytes(field.raw());
      }
    }
    if (!removed) {
      return message;
    }
    // The fields lie end to end from the first byte; what follows is the empty line and the body.
    int headerEnd = header.fields().stream().mapToInt(field -> field.raw().length).sum();
    out.write(message, headerEnd, message.length - headerEnd);
    return out.toByteArray();
  }

  private static boolean ours(String name) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    return lower.startsWith("x-spam") || lower.startsWith("x-rspamd-");
  }

  /**
   * The fields for {@code verdict}, each without its final CRLF and folded at 78 columns: {@code
   * X-Spam-Flag: YES} for spam, then always {@code X-Spam-Status} and {@code X-Spamd-Result}.
   */
  public static List<String> fields(RspamdVerdict verdict) {
    List<String> fields = new ArrayList<>();
    if (verdict.isSpam()) {
      fields.add("X-Spam-Flag: YES");
    }
    List<Piece> status = new ArrayList<>();
    status.add(word("X-Spam-Status: " + (verdict.isSpam() ? "Yes," : "No,")));
    status.add(word("score=" + number(verdict.score())));
    status.add(word("required=" + number(verdict.requiredScore())));
    status.add(word("action=" + verdict.action().rspamdName()));
    fields.add(fold(status));
    List<Piece> result = new ArrayList<>();
    result.add(word("X-Spamd-Result: default:"));
    result.add(word(verdict.isSpam() ? "True" : "False"));
    result.add(word("[" + number(verdict.score())));
    result.add(word("/"));
    result.add(word(number(verdict.requiredScore()) + "]"));
    List<RspamdSymbol> strongest =
        verdict.symbols().stream()
            .sorted(
                Comparator.comparingDouble((RspamdSymbol symbol) -> -Math.abs(symbol.score()))
                    .thenComparing(RspamdSymbol::name))
            .limit(MAX_SYMBOLS)
            .toList();
    for (RspamdSymbol symbol : strongest) {
      // The separator stays on the line of the symbol it ends, as rspamd writes it.
      Piece last = result.remove(result.size() - 1);
      result.add(new Piece(last.text() + ";", last.glued()));
      result.addAll(symbol(symbol));
    }
    fields.add(fold(result));
    return fields;
  }

  /**
   * One piece of a field: a word, or (glued) a part that follows the previous piece without a space
   * but may be folded onto the next line.
   */
  record Piece(String text, boolean glued) {}

  private static Piece word(String text) {
    return new Piece(text, false);
  }

  /**
   * {@code NAME(1.50)[option,option]}, every part reduced to safe printable ASCII, as pieces that
   * fold after a comma, so that no line passes 78 columns however long the options.
   */
  static List<Piece> symbol(RspamdSymbol symbol) {
    List<Piece> pieces = new ArrayList<>();
    pieces.add(
        word(
            printable(symbol.name(), MAX_NAME_LENGTH, "[];()")
                + "("
                + number(symbol.score())
                + ")"));
    List<String> options =
        symbol.options().stream()
            .limit(MAX_OPTIONS)
            .map(option -> printable(option, MAX_OPTION_LENGTH, "[];(),"))
            .toList();
    for (int i = 0; i < options.size(); i++) {
      String open = i == 0 ? "[" : "";
      String close = i == options.size() - 1 ? "]" : ",";
      pieces.add(new Piece(open + options.get(i) + close, true));
    }
    return pieces;
  }

  /**
   * {@code text} cut to {@code max} characters, with anything but printable ASCII (CR and LF among
   * them, which would end the field) and the characters of {@code structural} (which would end the
   * symbol or its options list) replaced with {@code ?}; a space becomes {@code _} so that an
   * option stays one word.
   */
  static String printable(String text, int max, String structural) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), max));
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      if (c == ' ') {
        out.append('_');
      } else if (c < 0x21 || c > 0x7e || structural.indexOf(c) >= 0) {
        out.append('?');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Two decimals, Locale.ROOT; bounded so that a wild score cannot make a long word. */
  static String number(double value) {
    double shown = Double.isNaN(value) ? 0 : Math.max(-MAX_SHOWN, Math.min(MAX_SHOWN, value));
    return String.format(Locale.ROOT, "%.2f", shown);
  }

  /**
   * Joins {@code pieces}, a space before each word (a piece and the glued pieces after it),
   * starting a continuation line (CRLF TAB, RFC 5322 §2.2.3) before a word that would pass 78
   * columns, or, for a word longer than a line, before the piece that would. Every piece is shorter
   * than a line (names and options are bounded), so every line fits.
   */
  static String fold(List<Piece> pieces) {
    StringBuilder field = new StringBuilder();
    int column = 0;
    int start = 0;
    while (start < pieces.size()) {
      int end = start + 1;
      int length = pieces.get(start).text().length();
      while (end < pieces.size() && pieces.get(end).glued()) {
        length += pieces.get(end).text().length();
        end++;
      }
      String separator = start == 0 ? "" : " ";
      if (start > 0 && column + 1 + length > LINE && 1 + length <= LINE) {
        field.append("\r\n\t");
        column = 1;
        separator = "";
      }
      for (int i = start; i < end; i++) {
        String text = pieces.get(i).text();
        String before = i == start ? separator : "";
        if (column > 1 && column + before.length() + text.length() > LINE) {
          field.append("\r\n\t");
          column = 1;
          before = "";
        }
        field.append(before).append(text);
        column += before.length() + text.length();
      }
      start = end;
    }
    return field.toString();
  }
}
