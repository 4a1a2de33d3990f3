package dev.mailvault.server.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailvault.core.crypto.Argon2Params;
import dev.mailvault.core.crypto.KeyWrap;
import dev.mailvault.core.crypto.PasswordKdf;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.crypto.UnwrapException;
import dev.mailvault.core.crypto.WrapPurpose;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.WrappedDataKey;
import dev.mailvault.store.backup.BackupFormatException;
import java.io.IOException;
import java.util.Base64;

/**
 * The wrapped data key as a backup manifest carries it (opaque bytes to the store): a small JSON
 * object with the vault id, salt, Argon2id parameters and the AEAD-wrapped key. With it and the
 * alias's password at the time of the backup, the backup opens without the directory.
 */
public final class KeyRecord {

  private static final ObjectMapper JSON = new ObjectMapper();

  private KeyRecord() {}

  public static byte[] encode(WrappedDataKey key) {
    ObjectNode node = JSON.createObjectNode();
    node.put("vaultId", key.vaultId());
    node.put("kdf", key.params().encoded());
    node.put("salt", Base64.getEncoder().encodeToString(key.salt()));
    node.put("wrapped", Base64.getEncoder().encodeToString(key.wrapped()));
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot render a key record", e);
    }
  }

  public static WrappedDataKey decode(byte[] record) throws BackupFormatException {
    try {
      JsonNode node = JSON.readTree(record);
      return new WrappedDataKey(
          node.get("vaultId").asText(),
          Base64.getDecoder().decode(node.get("salt").asText()),
          Argon2Params.parse(node.get("kdf").asText()),
          Base64.getDecoder().decode(node.get("wrapped").asText()));
    } catch (IOException | RuntimeException e) {
      throw new BackupFormatException("the backup's key record is damaged");
    }
  }

  /**
   * The data key, unwrapped with the password the alias had when the backup was taken: one Argon2id
   * derivation and an AEAD open.
   *
   * @throws MailvaultException when the password does not open it
   */
  public static SecretBytes unwrap(WrappedDataKey key, char[] password) throws MailvaultException {
    try (SecretBytes kek = PasswordKdf.argon2id().derive(password, key.salt(), key.params())) {
      return KeyWrap.unwrap(kek, key.wrapped(), WrapPurpose.DATA_KEY.associatedData(key.vaultId()));
    } catch (UnwrapException e) {
      throw new MailvaultException("the password does not open this backup");
    }
  }
}
