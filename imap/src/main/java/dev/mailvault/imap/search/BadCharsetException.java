package dev.mailvault.imap.search;

import dev.mailvault.core.error.MailvaultException;
import java.util.List;

/**
 * SEARCH named a charset other than US-ASCII and UTF-8: the answer is {@code NO [BADCHARSET
 * (US-ASCII UTF-8)]} (RFC 9051 §6.4.4, §7.1).
 */
public final class BadCharsetException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  /** The charsets SEARCH accepts, for the BADCHARSET response code. */
  public static final List<String> SUPPORTED = List.of("US-ASCII", "UTF-8");

  public BadCharsetException() {
    super("charset not supported");
  }

  /** The arguments of the response code: {@code (US-ASCII UTF-8)}. */
  public static String responseCodeArguments() {
    return "(" + String.join(" ", SUPPORTED) + ")";
  }
}
