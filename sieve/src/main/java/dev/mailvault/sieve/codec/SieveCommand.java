package dev.mailvault.sieve.codec;

/**
 * A parsed ManageSieve command (RFC 5804 §2). Strings are decoded UTF-8; a SASL response stays
 * bytes (it holds a password) and is zeroed by whoever reads it.
 */
public sealed interface SieveCommand {

  /** RFC 5804 §2.1; {@code initialResponse} is base64 as sent, or null. */
  record Authenticate(String mechanism, byte[] initialResponse) implements SieveCommand {}

  /** RFC 5804 §2.2. */
  record StartTls() implements SieveCommand {}

  /** RFC 5804 §2.3. */
  record Logout() implements SieveCommand {}

  /** RFC 5804 §2.4. */
  record Capability() implements SieveCommand {}

  /** RFC 5804 §2.5: may a script of {@code octets} be stored under {@code name}? */
  record HaveSpace(String name, long octets) implements SieveCommand {}

  /** RFC 5804 §2.6. */
  record PutScript(String name, String script) implements SieveCommand {}

  /** RFC 5804 §2.7. */
  record ListScripts() implements SieveCommand {}

  /** RFC 5804 §2.8; the empty name makes no script active. */
  record SetActive(String name) implements SieveCommand {}

  /** RFC 5804 §2.9. */
  record GetScript(String name) implements SieveCommand {}

  /** RFC 5804 §2.10. */
  record DeleteScript(String name) implements SieveCommand {}

  /** RFC 5804 §2.11.1. */
  record RenameScript(String oldName, String newName) implements SieveCommand {}

  /** RFC 5804 §2.12. */
  record CheckScript(String script) implements SieveCommand {}

  /** RFC 5804 §2.13; {@code tag} is echoed in a TAG response code, or null. */
  record Noop(String tag) implements SieveCommand {}

  /** RFC 5804 §2.14.1. */
  record Unauthenticate() implements SieveCommand {}
}
