package dev.mailvault.server.imapimport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The import key of a source message (ADR 0147): SHA-256 of the source host, the login, the source
 * folder's name, its UIDVALIDITY and the UID. These five name one message for as long as the
 * folder's UIDVALIDITY lasts (RFC 9051 §2.3.1.1), so a re-run skips it before downloading a byte.
 * Scheme and port are left out, so switching between {@code imap://} and {@code imaps://} does not
 * import everything again. The key is a digest, so the vault's key table names no folder or login.
 */
final class ImportKeys {

  private static final byte[] DOMAIN = "mailvault imap import v1".getBytes(StandardCharsets.UTF_8);

  private final byte[] host;
  private final byte[] user;

  ImportKeys(ImapSourceAddress source) {
    this.host = source.host().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    this.user = source.user().getBytes(StandardCharsets.UTF_8);
  }

  byte[] of(String sourceFolder, long uidValidity, long uid) {
    ByteArrayOutputStream fields = new ByteArrayOutputStream();
    // Length-prefixed fields: no two different tuples give the same input.
    for (byte[] field :
        new byte[][] {DOMAIN, host, user, sourceFolder.getBytes(StandardCharsets.UTF_8)}) {
      fields.writeBytes(ByteBuffer.allocate(4).putInt(field.length).array());
      fields.writeBytes(field);
    }
    fields.writeBytes(ByteBuffer.allocate(16).putLong(uidValidity).putLong(uid).array());
    return sha256(fields.toByteArray());
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
