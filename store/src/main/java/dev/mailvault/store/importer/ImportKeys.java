package dev.mailvault.store.importer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

/**
 * The import keys of messages read from files (ADR 0135): SHA-256 of the folder, the internal date
 * to the second, the bytes and how many equal messages came before this one in the same folder, so
 * two identical copies in one mbox are both kept, while reading the same source again gives the
 * same keys. The source's kind is not part of the key: the same mail imported from an mbox and then
 * from an eml-zip of the same vault is stored once.
 */
final class ImportKeys {

  private static final byte[] DOMAIN = "mailvault-file-import-v1".getBytes(StandardCharsets.UTF_8);

  private final Map<ByteBuffer, Integer> seen = new HashMap<>();

  byte[] next(SourceMessage m) {
    MessageDigest content = sha256();
    content.update(DOMAIN);
    content.update((byte) 0);
    content.update(m.folder().getBytes(StandardCharsets.UTF_8));
    content.update((byte) 0);
    content.update(
        Long.toString(m.internalDate().getEpochSecond()).getBytes(StandardCharsets.US_ASCII));
    content.update((byte) 0);
    content.update(m.raw());
    byte[] base = content.digest();
    int occurrence = seen.merge(ByteBuffer.wrap(base), 1, Integer::sum) - 1;
    if (occurrence == 0) {
      return base;
    }
    MessageDigest again = sha256();
    again.update(base);
    again.update(Integer.toString(occurrence).getBytes(StandardCharsets.US_ASCII));
    return again.digest();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
