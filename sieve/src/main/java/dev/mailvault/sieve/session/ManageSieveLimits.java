package dev.mailvault.sieve.session;

import java.time.Duration;

/**
 * What a ManageSieve session allows. The script size and count come from the directory, which
 * enforces them ({@code Directory.sieveLimits()}).
 *
 * @param allowPlaintextAuth passwords without TLS from other hosts than loopback
 * @param connectionsPerIp connections one client network may hold at once
 * @param errorBudget bad commands (unknown, malformed, wrong state, too long) a session may send
 *     before it is closed
 * @param idleLogout silence after which the connection closes
 * @param maxLine the longest line part of a request, CRLF included (literals are bounded apart)
 * @param maxRedirects the {@code redirect} actions one script may take (the MAXREDIRECTS
 *     capability)
 */
public record ManageSieveLimits(
    boolean allowPlaintextAuth,
    int connectionsPerIp,
    int errorBudget,
    Duration idleLogout,
    int maxLine,
    int maxRedirects) {

  /** Plaintext refused, 20 per address, 10 bad commands, 10 minutes, 8 KiB lines, 4 redirects. */
  public static final ManageSieveLimits DEFAULTS =
      new ManageSieveLimits(false, 20, 10, Duration.ofMinutes(10), 8192, 4);

  public ManageSieveLimits {
    if (connectionsPerIp < 1 || errorBudget < 1 || maxLine < 1024 || maxRedirects < 0) {
      throw new IllegalArgumentException(
          "ManageSieve limits must allow one connection and one error");
    }
  }
}
