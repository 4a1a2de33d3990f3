package dev.mailvault.mailauth.dns;

/** DNS could not say: a timeout, SERVFAIL or REFUSED. Worth asking again later. */
public final class DnsTemporaryException extends Exception {

  private static final long serialVersionUID = 1L;

  public DnsTemporaryException(String name, String type, String reason) {
    super("DNS " + type + " " + name + ": " + reason);
  }
}
