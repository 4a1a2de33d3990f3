package dev.mailvault.outbound.delivery;

import java.util.List;
import org.xbill.DNS.TLSARecord;

/**
 * What TLS one MX host must offer before the message goes to it.
 *
 * @param mode how much is asked
 * @param hostName the MX host name a certificate must be valid for
 * @param tlsa the authenticated TLSA records, for {@link Mode#DANE}
 * @param reason why TLS is required, for the diagnostic when it fails (no address)
 */
record TlsRequirement(Mode mode, String hostName, List<TLSARecord> tlsa, String reason) {

  /** How much TLS a host must offer. */
  enum Mode {
    /** STARTTLS when offered, the certificate not checked (RFC 7435, RFC 3207 §4.1). */
    OPPORTUNISTIC,
    /** STARTTLS, with a certificate valid for the host name under the trust store (RFC 8461 §4). */
    PKIX,
    /** STARTTLS, with a certificate that matches the host's TLSA records (RFC 7672 §3). */
    DANE
  }

  TlsRequirement {
    tlsa = List.copyOf(tlsa);
  }

  static TlsRequirement opportunistic(String hostName) {
    return new TlsRequirement(Mode.OPPORTUNISTIC, hostName, List.of(), "");
  }

  boolean required() {
    return mode != Mode.OPPORTUNISTIC;
  }
}
