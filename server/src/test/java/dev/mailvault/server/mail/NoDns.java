package dev.mailvault.server.mail;

/**
 * The {@code dns.resolvers} of node tests that do not test DNS: the discard port of loopback, where
 * nothing listens, so every look-up fails at once as a temporary error (the MX's SPF, DKIM and
 * DMARC checks give temperror and the message is delivered, ADR 0206). The tests then never ask the
 * machine's resolver, whose answers and speed are not theirs to rely on.
 */
public final class NoDns {

  public static final String RESOLVER = "127.0.0.1:9";

  private NoDns() {}
}
