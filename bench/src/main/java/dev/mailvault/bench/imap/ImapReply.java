package dev.mailvault.bench.imap;

/**
 * The tagged answer that ended one command, with what came before it.
 *
 * @param status {@code OK}, {@code NO} or {@code BAD} (RFC 9051 §7.1)
 * @param text the rest of the tagged line, for error reports
 * @param untagged how many untagged responses the command produced
 */
record ImapReply(String status, String text, int untagged) {

  boolean ok() {
    return status.equals("OK");
  }
}
