package dev.mailvault.server.dkim;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.crypto.KeyWrap;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.crypto.UnwrapException;
import java.nio.charset.StandardCharsets;

/**
 * Seals a DKIM private key (PKCS#8) for the directory under the node's DKIM key ({@link
 * dev.mailvault.server.OutboundKeys#dkimKey()}), bound to its domain and selector: a sealed key
 * copied to another domain's or selector's row does not open (ADR 0207).
 */
public final class DkimKeySealer {

  private final SecretBytes dkimKey;

  /**
   * @param dkimKey the node's DKIM key; the caller keeps ownership and closes it
   */
  public DkimKeySealer(SecretBytes dkimKey) {
    this.dkimKey = dkimKey;
  }

  public byte[] seal(DomainName domain, String selector, byte[] pkcs8) {
    try (SecretBytes key = SecretBytes.copyOf(pkcs8)) {
      return KeyWrap.wrap(dkimKey, key, binding(domain, selector));
    }
  }

  /** The PKCS#8 bytes; the caller closes them. */
  public SecretBytes unseal(DomainName domain, String selector, byte[] sealed)
      throws UnwrapException {
    return KeyWrap.unwrap(dkimKey, sealed, binding(domain, selector));
  }

  private static byte[] binding(DomainName domain, String selector) {
    return ("mailvault:dkim-private-key:v1:" + domain.value() + ":" + selector)
        .getBytes(StandardCharsets.US_ASCII);
  }
}
