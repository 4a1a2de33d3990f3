package dev.mailvault.smtp.codec;

/** A command line the parser refuses, with the reply the client gets (RFC 5321 §4.2.2). */
public final class SmtpSyntaxException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient SmtpReply reply;

  public SmtpSyntaxException(SmtpReply reply) {
    super(reply.toString(), null, false, false);
    this.reply = reply;
  }

  public SmtpReply reply() {
    return reply;
  }
}
