package dev.mailvault.store.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The small JSON document stored beside each backup object. With it, the backup alone plus the
 * alias password restores the vault: the wrapped data key is kept as it was when the backup was
 * taken. It names the vault by its random id only, never by address (DESIGN §1).
 *
 * @param format the manifest format, {@link #FORMAT}
 * @param vaultId the vault's random id
 * @param created when the copy was taken (UTC)
 * @param size the backup object's length in bytes
 * @param sha256 SHA-256 of the backup object's bytes (checked on every download)
 * @param contentDigest the keyed digest of the vault's content ({@link
 *     dev.mailvault.store.VaultFileCheck}): equal digests mean an unchanged vault
 * @param schemaVersion the vault's {@code PRAGMA user_version}
 * @param wrappedKey the alias's wrapped data key record, opaque here (the server encodes it)
 */
public record BackupManifest(
    int format,
    String vaultId,
    Instant created,
    long size,
    byte[] sha256,
    byte[] contentDigest,
    int schemaVersion,
    byte[] wrappedKey) {

  public static final int FORMAT = 1;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  public BackupManifest {
    Objects.requireNonNull(vaultId, "vaultId");
    Objects.requireNonNull(created, "created");
    sha256 = sha256.clone();
    contentDigest = contentDigest.clone();
    wrappedKey = wrappedKey.clone();
  }

  @Override
  public byte[] sha256() {
    return sha256.clone();
  }

  @Override
  public byte[] contentDigest() {
    return contentDigest.clone();
  }

  @Override
  public byte[] wrappedKey() {
    return wrappedKey.clone();
  }

  public String sha256Hex() {
    return HEX.formatHex(sha256);
  }

  /** Whether {@code digest} is this backup's content digest, compared in constant time. */
  public boolean hasContent(byte[] digest) {
    return java.security.MessageDigest.isEqual(contentDigest, digest);
  }

  public byte[] toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("format", format);
    node.put("vaultId", vaultId);
    node.put("created", created.toString());
    node.put("size", size);
    node.put("sha256", HEX.formatHex(sha256));
    node.put("contentDigest", HEX.formatHex(contentDigest));
    node.put("schemaVersion", schemaVersion);
    node.put("wrappedKey", Base64.getEncoder().encodeToString(wrappedKey));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot render a manifest", e);
    }
  }

  /** Parses a manifest; a damaged or foreign one is a {@link BackupFormatException}. */
  public static BackupManifest fromJson(byte[] json) throws BackupFormatException {
    try {
      JsonNode node = JSON.readTree(json);
      int format = required(node, "format").asInt();
      if (format != FORMAT) {
        throw new BackupFormatException("unknown backup manifest format " + format);
      }
      return new BackupManifest(
          format,
          required(node, "vaultId").asText(),
          Instant.parse(required(node, "created").asText()),
          required(node, "size").asLong(),
          HEX.parseHex(required(node, "sha256").asText()),
          HEX.parseHex(required(node, "contentDigest").asText()),
          required(node, "schemaVersion").asInt(),
          Base64.getDecoder().decode(required(node, "wrappedKey").asText()));
    } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
      throw new BackupFormatException("a backup manifest is damaged: " + e.getMessage());
    }
  }

  private static JsonNode required(JsonNode node, String field) throws BackupFormatException {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || value.isNull()) {
      throw new BackupFormatException("a backup manifest lacks " + field);
    }
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BackupManifest m
        && format == m.format
        && vaultId.equals(m.vaultId)
        && created.equals(m.created)
        && size == m.size
        && Arrays.equals(sha256, m.sha256)
        && Arrays.equals(contentDigest, m.contentDigest)
        && schemaVersion == m.schemaVersion
        && Arrays.equals(wrappedKey, m.wrappedKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(vaultId, created);
  }

  @Override
  public String toString() {
    return "BackupManifest[vault " + vaultId + ", " + created + ", " + size + " bytes]";
  }
}
