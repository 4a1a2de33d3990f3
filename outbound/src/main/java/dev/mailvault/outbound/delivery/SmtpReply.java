package dev.mailvault.outbound.delivery;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reply of the next hop (RFC 5321 §4.2): its code and its lines' text, with the enhanced status
 * code of RFC 2034 when the server gave one.
 *
 * @param code the three-digit reply code
 * @param lines the text of each line, after the code and its separator
 */
public record SmtpReply(int code, List<String> lines) {

  private static final Pattern ENHANCED = Pattern.compile("^([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

  public SmtpReply {
    lines = List.copyOf(lines);
  }

  public boolean positive() {
    return code / 100 == 2 || code / 100 == 3;
  }

  public boolean transientFailure() {
    return code / 100 == 4;
  }

  /**
   * The RFC 3463 status: the server's own when the first line starts with one whose class agrees
   * with the reply code (RFC 2034 §4), else the class's generic {@code X.0.0}.
   */
  public String status() {
    if (!lines.isEmpty()) {
      Matcher matcher = ENHANCED.matcher(lines.get(0));
      if (matcher.find() && matcher.group(1).charAt(0) - '0' == code / 100) {
        return matcher.group(0);
      }
    }
    return (code / 100) + ".0.0";
  }

  /** The reply as RFC 3464 §2.3.6 Diagnostic-Code wants it: {@code smtp; 550 5.1.1 ...}. */
  public String diagnostic() {
    return "smtp; " + code + " " + String.join(" ", lines);
  }
}
