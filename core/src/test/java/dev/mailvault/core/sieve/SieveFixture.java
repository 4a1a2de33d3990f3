package dev.mailvault.core.sieve;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

/** A fixed environment and message builders for the Sieve tests: no dependence on the machine. */
final class SieveFixture {

  /** Saturday 2026-03-14 09:30 UTC, 10:30 in Berlin. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-14T09:30:00Z"), ZoneOffset.UTC);

  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  static final SieveEnvelope ENVELOPE =
      new SieveEnvelope("sender@example.org", "me@example.com", "me@example.com");

  private SieveFixture() {}

  static SieveEnvironment environment() {
    return SieveEnvironment.of(CLOCK, ZONE, "me@example.com", Set.of("me.too@example.net"));
  }

  /** A message from header lines and body lines; an empty string separates them. */
  static byte[] message(String... lines) {
    return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  static SieveOutcome run(String script, byte[] message) throws Exception {
    return run(script, message, ENVELOPE);
  }

  static SieveOutcome run(String script, byte[] message, SieveEnvelope envelope) throws Exception {
    return SieveScript.compile(script).evaluate(SieveMessage.of(message, envelope), environment());
  }
}
