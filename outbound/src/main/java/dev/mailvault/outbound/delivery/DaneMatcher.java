package dev.mailvault.outbound.delivery;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.TLSARecord;

/**
 * Whether a server's certificate chain satisfies its TLSA records (RFC 7672 §3.1, RFC 6698 §2.1).
 * Usage 3 (DANE-EE): the leaf matches, its names and dates are not checked (RFC 7672 §3.1.1). Usage
 * 2 (DANE-TA): a certificate of the presented chain matches, every certificate below it is signed
 * by the next, and the leaf is valid for the MX host name (RFC 7672 §3.1.2, §3.2.2). Usages 0 and 1
 * (PKIX-TA, PKIX-EE) are not used for SMTP (RFC 7672 §3.1.3) and never match.
 */
final class DaneMatcher {

  private DaneMatcher() {}

  static boolean matches(List<TLSARecord> records, X509Certificate[] chain, String hostName) {
    if (chain.length == 0) {
      return false;
    }
    for (TLSARecord record : records) {
      switch (record.getCertificateUsage()) {
        case TLSARecord.CertificateUsage.DOMAIN_ISSUED_CERTIFICATE -> {
          if (associated(record, chain[0])) {
            return true;
          }
        }
        case TLSARecord.CertificateUsage.TRUST_ANCHOR_ASSERTION -> {
          for (int i = 1; i < chain.length; i++) {
            if (associated(record, chain[i])
                && signedUpTo(chain, i)
                && validFor(chain[0], hostName)) {
              return true;
            }
          }
        }
        default -> {
          // RFC 7672 §3.1.3: PKIX-TA(0) and PKIX-EE(1) are unusable for SMTP.
        }
      }
    }
    return false;
  }

  /**
   * RFC 6698 §2.1.2, §2.1.3: the selected part of {@code certificate}, hashed as the record says.
   */
  static boolean associated(TLSARecord record, X509Certificate certificate) {
    try {
      byte[] selected =
          switch (record.getSelector()) {
            case TLSARecord.Selector.FULL_CERTIFICATE -> certificate.getEncoded();
            case TLSARecord.Selector.SUBJECT_PUBLIC_KEY_INFO ->
                certificate.getPublicKey().getEncoded();
            default -> null;
          };
      if (selected == null) {
        return false;
      }
      byte[] data =
          switch (record.getMatchingType()) {
            case TLSARecord.MatchingType.EXACT -> selected;
            case TLSARecord.MatchingType.SHA256 ->
                MessageDigest.getInstance("SHA-256").digest(selected);
            case TLSARecord.MatchingType.SHA512 ->
                MessageDigest.getInstance("SHA-512").digest(selected);
            default -> null;
          };
      return data != null && MessageDigest.isEqual(data, record.getCertificateAssociationData());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static boolean signedUpTo(X509Certificate[] chain, int anchor) {
    try {
      for (int i = 0; i < anchor; i++) {
        chain[i].verify(chain[i + 1].getPublicKey());
      }
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** RFC 7672 §3.2.3, RFC 6125 §6.4: a DNS subjectAltName equal to the host, or a wildcard. */
  static boolean validFor(X509Certificate certificate, String hostName) {
    String host = stripDot(hostName.toLowerCase(Locale.ROOT));
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      if (names == null) {
        return false;
      }
      for (List<?> name : names) {
        if (Integer.valueOf(2).equals(name.get(0))) {
          String pattern = stripDot(((String) name.get(1)).toLowerCase(Locale.ROOT));
          if (pattern.equals(host) || wildcardMatches(pattern, host)) {
            return true;
          }
        }
      }
      return false;
    } catch (CertificateParsingException e) {
      return false;
    }
  }

  private static boolean wildcardMatches(String pattern, String host) {
    if (!pattern.startsWith("*.")) {
      return false;
    }
    int dot = host.indexOf('.');
    return dot > 0 && host.substring(dot + 1).equals(pattern.substring(2));
  }

  private static String stripDot(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }
}
