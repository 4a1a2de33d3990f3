package dev.mailvault.directory.jdbc;

import dev.mailvault.core.address.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The key of one vacation reply memory (ADR 0253): a SHA-256 digest of the alias, the sender and
 * the handle, so the table never holds a sender's address. The sender is compared without case, as
 * RFC 5230 §4.1 compares addresses (the local part too: a reply is not worth a second one over
 * case).
 */
final class VacationReplyKey {

  private VacationReplyKey() {}

  static byte[] of(EmailAddress alias, String sender, String handle) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("mailvault-vacation\0".getBytes(StandardCharsets.US_ASCII));
      sha.update(alias.canonical().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(sender.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(handle.getBytes(StandardCharsets.UTF_8));
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
