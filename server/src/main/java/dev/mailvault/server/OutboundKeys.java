package dev.mailvault.server;

import dev.mailvault.core.crypto.KeyWrap;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.crypto.UnwrapException;
import dev.mailvault.core.fs.OwnerOnly;
import dev.mailvault.directory.DirectoryUnavailableException;
import dev.mailvault.directory.jdbc.ServerKeyFile;
import dev.mailvault.server.config.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The node's outbound secret (ADR 0201): one random 256-bit key in {@code <data>/outbound.key},
 * from which the queue key (sealing queued messages), the DKIM key (sealing the domains' DKIM
 * private keys in the directory) and the SRS key (ADR 0241) are derived. Outbound mail cannot
 * depend on an alias password: it is sent while its sender is logged out. When a server key is
 * configured the file holds the secret wrapped under it (ChaCha20-Poly1305), so a copy of the data
 * directory alone reads nothing; without one, the file's owner-only mode is all that protects it
 * (the README says so).
 */
public final class OutboundKeys implements AutoCloseable {

  private static final byte[] WRAP_BINDING =
      "mailvault:outbound-key:v1".getBytes(StandardCharsets.US_ASCII);
  private static final int KEY_LENGTH = 32;

  /** The first byte of a file that holds the secret wrapped under the server key. */
  private static final byte WRAPPED = 'W';

  /** The first byte of a file that holds the secret as it is. */
  private static final byte PLAIN = 'P';

  private final SecretBytes secret;

  private OutboundKeys(SecretBytes secret) {
    this.secret = secret;
  }

  /**
   * Reads the secret from {@code file}, or makes one there (owner-only, fsynced, renamed into
   * place) when there is none.
   *
   * @param serverKeyFile the server key file when one is configured
   */
  public static OutboundKeys openOrCreate(
      Path file, Path dataDirectory, Optional<Path> serverKeyFile) throws ConfigException {
    try (SecretBytes serverKey = serverKey(serverKeyFile, dataDirectory)) {
      if (Files.exists(file)) {
        return new OutboundKeys(read(file, serverKey));
      }
      SecretBytes secret = SecretBytes.random(KEY_LENGTH);
      write(file, secret, serverKey);
      return new OutboundKeys(secret);
    } catch (IOException e) {
      throw new ConfigException("cannot use " + file + ": " + e.getMessage());
    }
  }

  private static SecretBytes serverKey(Optional<Path> serverKeyFile, Path dataDirectory)
      throws ConfigException {
    if (serverKeyFile.isEmpty()) {
      return null;
    }
    try {
      return ServerKeyFile.read(serverKeyFile.get(), dataDirectory);
    } catch (DirectoryUnavailableException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  private static SecretBytes read(Path file, SecretBytes serverKey)
      throws IOException, ConfigException {
    byte[] content = Files.readAllBytes(file);
    try {
      if (content.length == 1 + KEY_LENGTH && content[0] == PLAIN) {
        if (serverKey != null) {
          throw new ConfigException(
              file
                  + " was made before the server key was configured and holds the outbound"
                  + " secret unwrapped; see the README on adding a server key");
        }
        return SecretBytes.copyOf(Arrays.copyOfRange(content, 1, content.length));
      }
      if (content.length > 1 && content[0] == WRAPPED) {
        if (serverKey == null) {
          throw new ConfigException(
              file + " is wrapped under a server key; configure MAILVAULT_SERVER_KEY_FILE");
        }
        try {
          return KeyWrap.unwrap(
              serverKey, Arrays.copyOfRange(content, 1, content.length), WRAP_BINDING);
        } catch (UnwrapException e) {
          throw new ConfigException(file + " does not open with the configured server key");
        }
      }
      throw new ConfigException(file + " is not an outbound key file");
    } finally {
      Arrays.fill(content, (byte) 0);
    }
  }

  private static void write(Path file, SecretBytes secret, SecretBytes serverKey)
      throws IOException {
    byte[] body;
    if (serverKey != null) {
      byte[] wrapped = KeyWrap.wrap(serverKey, secret, WRAP_BINDING);
      body = new byte[1 + wrapped.length];
      body[0] = WRAPPED;
      System.arraycopy(wrapped, 0, body, 1, wrapped.length);
    } else {
      byte[] raw = secret.bytes();
      body = new byte[1 + raw.length];
      body[0] = PLAIN;
      System.arraycopy(raw, 0, body, 1, raw.length);
      Arrays.fill(raw, (byte) 0);
    }
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    Files.createFile(temp, OwnerOnly.fileMode());
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(body));
      channel.force(true);
    } finally {
      Arrays.fill(body, (byte) 0);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The key that seals queued messages: derived, so it never sits beside its siblings. */
  public SecretBytes queueKey() {
    return derive("mailvault:queue:v1");
  }

  /** The key that seals the domains' DKIM private keys in the directory. */
  public SecretBytes dkimKey() {
    return derive("mailvault:dkim:v1");
  }

  /**
   * The key of the SRS hashes of forwarded mail's senders (ADR 0241): derived too, so bounces to
   * addresses made before a restart still verify.
   */
  public SecretBytes srsKey() {
    return derive("mailvault:srs:v1");
  }

  /**
   * The key of the web console's admin secrets (ADR 0263): it seals their TOTP secrets and keys
   * their recovery codes' digests, so the directory file alone opens neither.
   */
  public SecretBytes consoleKey() {
    return derive("mailvault:console:v1");
  }

  private SecretBytes derive(String label) {
    // HKDF-Expand (RFC 5869 §2.3) of one block: HMAC-SHA256(secret, label || 0x01).
    return secret.apply(
        key -> {
          try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(label.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 1);
            byte[] derived = mac.doFinal();
            try {
              return SecretBytes.copyOf(derived);
            } finally {
              Arrays.fill(derived, (byte) 0);
            }
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
          }
        });
  }

  @Override
  public void close() {
    secret.destroy();
  }
}
