package dev.mailvault.mailauth.dkim;

import dev.mailvault.mailauth.dns.DnsAnswer;
import dev.mailvault.mailauth.dns.DnsClient;
import dev.mailvault.mailauth.dns.DnsTemporaryException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The public key of a signature: the TXT record at {@code <s>._domainkey.<d>} (RFC 6376 §3.6.2.2),
 * fetched and checked against the signature (§3.6.1, §6.1.2).
 */
final class DkimKeyRecord {

  /** RFC 8301 §3.2: verifiers MUST NOT consider a signature with a shorter RSA key valid. */
  static final int MIN_RSA_BITS = 1024;

  /** RFC 8410 §4: the SubjectPublicKeyInfo of an Ed25519 key, before its 32 raw bytes. */
  private static final byte[] ED25519_SPKI_PREFIX =
      HexFormat.of().parseHex("302a300506032b6570032100");

  private DkimKeyRecord() {}

  static PublicKey fetch(DnsClient dns, DkimSignature signature) throws DkimCheckFailure {
    String name = signature.selector() + "._domainkey." + signature.domain();
    DnsAnswer answer;
    try {
      answer = dns.query(name, Type.TXT);
    } catch (DnsTemporaryException e) {
      throw new DkimCheckFailure(DkimStatus.TEMPERROR, "key lookup failed temporarily");
    }
    List<String> texts = answer.records().stream().map(DkimKeyRecord::text).toList();
    if (texts.isEmpty()) {
      throw DkimCheckFailure.permerror("no key for signature");
    }
    // §6.1.2 allows any of several records: take the first that parses.
    DkimCheckFailure first = null;
    for (String text : texts) {
      try {
        return publicKey(text, signature);
      } catch (DkimCheckFailure failure) {
        first = first == null ? failure : first;
      }
    }
    throw first;
  }

  /** The strings of one TXT record joined, as §3.6.2.2 says. */
  private static String text(Record record) {
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (byte[] part : ((TXTRecord) record).getStringsAsByteArrays()) {
      joined.writeBytes(part);
    }
    return joined.toString(StandardCharsets.ISO_8859_1);
  }

  static PublicKey publicKey(String text, DkimSignature signature) throws DkimCheckFailure {
    TagList tags;
    try {
      tags = TagList.parse(text);
    } catch (IllegalArgumentException e) {
      throw DkimCheckFailure.permerror("key record syntax");
    }
    // §3.6.1: v= is optional, and DKIM1 when present.
    if (!tags.get("v", "DKIM1").equals("DKIM1")) {
      throw DkimCheckFailure.permerror("key record version");
    }
    if (tags.has("h")
        && TagList.split(tags.get("h", ""), ':').stream().noneMatch("sha256"::equals)) {
      throw DkimCheckFailure.permerror("key does not allow sha256");
    }
    if (!tags.get("k", "rsa").equalsIgnoreCase(signature.algorithm().keyType())) {
      throw DkimCheckFailure.permerror("key type does not match algorithm");
    }
    if (tags.has("s")
        && TagList.split(tags.get("s", ""), ':').stream()
            .noneMatch(type -> type.equals("*") || type.equalsIgnoreCase("email"))) {
      throw DkimCheckFailure.permerror("key is not for email");
    }
    // §3.6.1 t=s: the i= domain must be d= itself, not a subdomain.
    if (TagList.split(tags.get("t", ""), ':').contains("s")
        && !signature.identityDomain().equals(signature.domain())) {
      throw DkimCheckFailure.permerror("key forbids subdomains in i=");
    }
    if (!tags.has("p")) {
      throw DkimCheckFailure.permerror("key record lacks p=");
    }
    String data = TagList.withoutWhitespace(tags.get("p", ""));
    // §3.6.1: an empty p= is a revoked key.
    if (data.isEmpty()) {
      throw DkimCheckFailure.permerror("key revoked");
    }
    return decode(signature.algorithm(), data);
  }

  private static PublicKey decode(DkimAlgorithm algorithm, String base64) throws DkimCheckFailure {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw DkimCheckFailure.permerror("key is not base64");
    }
    try {
      if (algorithm == DkimAlgorithm.ED25519_SHA256) {
        // RFC 8463 §4: p= is the raw 32-byte key.
        if (bytes.length != 32) {
          throw DkimCheckFailure.permerror("Ed25519 key is not 32 bytes");
        }
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(bytes, 0, spki, ED25519_SPKI_PREFIX.length, 32);
        return DkimKeys.publicKey(algorithm, spki);
      }
      PublicKey key = DkimKeys.publicKey(algorithm, bytes);
      if (((RSAPublicKey) key).getModulus().bitLength() < MIN_RSA_BITS) {
        throw DkimCheckFailure.permerror("RSA key shorter than 1024 bits (RFC 8301)");
      }
      return key;
    } catch (GeneralSecurityException | ClassCastException e) {
      throw DkimCheckFailure.permerror("key does not decode");
    }
  }
}
