package dev.mailvault.mailauth.dkim;

/** The DKIM signing algorithms Mailvault signs and verifies with. */
public enum DkimAlgorithm {
  /** RFC 6376 §3.3.1, with a 2048-bit key (RFC 8301 §3.2 forbids fewer than 1024 bits). */
  RSA_SHA256("rsa-sha256", "rsa", "RSA"),
  /** RFC 8463. */
  ED25519_SHA256("ed25519-sha256", "ed25519", "Ed25519");

  private final String tag;
  private final String keyType;
  private final String jcaName;

  DkimAlgorithm(String tag, String keyType, String jcaName) {
    this.tag = tag;
    this.keyType = keyType;
    this.jcaName = jcaName;
  }

  /** The signature's {@code a=} value. */
  public String tag() {
    return tag;
  }

  /** The key record's {@code k=} value (RFC 6376 §3.6.1). */
  public String keyType() {
    return keyType;
  }

  /** The JCA key algorithm name. */
  public String jcaName() {
    return jcaName;
  }

  /** The algorithm whose {@code k=} is {@code keyType}. */
  public static DkimAlgorithm forKeyType(String keyType) {
    for (DkimAlgorithm algorithm : values()) {
      if (algorithm.keyType.equalsIgnoreCase(keyType)) {
        return algorithm;
      }
    }
    throw new IllegalArgumentException("unknown DKIM key type '" + keyType + "'");
  }
}
