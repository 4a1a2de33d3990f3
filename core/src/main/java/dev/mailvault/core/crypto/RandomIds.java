package dev.mailvault.core.crypto;

import java.util.HexFormat;

/**
 * Random identifiers that reveal nothing: vault and spool file names are these, never an address
 * (DESIGN §1).
 */
public final class RandomIds {

  private static final HexFormat HEX = HexFormat.of();

  private RandomIds() {}

  /** A vault id: 128 random bits as 32 lower-case hex digits. */
  public static String vaultId() {
    return hex(16);
  }

  /** {@code bytes} random bytes as lower-case hex digits. */
  public static String hex(int bytes) {
    return HEX.formatHex(Csprng.bytes(bytes));
  }

  /** {@code length} random bytes, e.g. an Argon2 salt. */
  public static byte[] bytes(int length) {
    return Csprng.bytes(length);
  }

  /** Whether {@code id} has the form {@link #vaultId()} produces. */
  public static boolean isVaultId(String id) {
    return id != null && id.matches("[0-9a-f]{32}");
  }
}
