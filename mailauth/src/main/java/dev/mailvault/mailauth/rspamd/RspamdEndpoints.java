package dev.mailvault.mailauth.rspamd;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where rspamd listens and how long we wait for it.
 *
 * @param scanner the normal worker, which scans ({@code /checkv2}, {@code /ping}); rspamd's default
 *     is {@code http://127.0.0.1:11333}
 * @param controller the controller worker, which learns ({@code /learnspam}, {@code /learnham},
 *     {@code /stat}); rspamd's default is {@code http://127.0.0.1:11334}
 * @param password the controller's password, sent as its {@code Password} header; empty when the
 *     controller trusts loopback ({@code secure_ip})
 * @param timeout the bound on every call, connecting included
 */
public record RspamdEndpoints(
    URI scanner, URI controller, Optional<String> password, Duration timeout) {

  /** rspamd's own default scanner address. */
  public static final URI DEFAULT_SCANNER = URI.create("http://127.0.0.1:11333");

  /** rspamd's own default controller address. */
  public static final URI DEFAULT_CONTROLLER = URI.create("http://127.0.0.1:11334");

  public RspamdEndpoints {
    Objects.requireNonNull(scanner, "scanner");
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the rspamd timeout must be positive");
    }
  }

  /** rspamd's default addresses on loopback, without a password. */
  public static RspamdEndpoints defaults(Duration timeout) {
    return new RspamdEndpoints(DEFAULT_SCANNER, DEFAULT_CONTROLLER, Optional.empty(), timeout);
  }
}
