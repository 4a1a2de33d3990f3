package dev.mailvault.smtp.session;

import dev.mailvault.smtp.codec.SmtpReply;

/** A command the session refuses, with the reply the client gets. */
final class SmtpRefusal extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient SmtpReply reply;

  SmtpRefusal(int code, String enhanced, String text) {
    super(code + " " + enhanced, null, false, false);
    this.reply = SmtpReply.of(code, enhanced, text);
  }

  SmtpReply reply() {
    return reply;
  }
}
