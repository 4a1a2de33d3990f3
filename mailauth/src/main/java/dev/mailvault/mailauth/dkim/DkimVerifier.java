package dev.mailvault.mailauth.dkim;

import dev.mailvault.mailauth.dns.DnsClient;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies the DKIM-Signature fields of an arriving message (RFC 6376 §6): one {@link DkimResult}
 * per field, top to bottom; none when the message is unsigned. Work is bounded: the header is split
 * once, each body canonicalization is computed at most once, and only the first {@link
 * #MAX_SIGNATURES} signatures are verified (ADR 0205). Does blocking DNS look-ups: call it from a
 * worker thread.
 */
public final class DkimVerifier {

  /** Signatures verified per message; the rest get POLICY (RFC 6376 §6.1 lets verifiers limit). */
  static final int MAX_SIGNATURES = 5;

  private static final int PREFIX_LENGTH = 8;

  private final DnsClient dns;
  private final Clock clock;

  public DkimVerifier(DnsClient dns, Clock clock) {
    this.dns = dns;
    this.clock = clock;
  }

  public List<DkimResult> verify(byte[] message) {
    MessageHeader header = MessageHeader.parse(message);
    Map<Canonicalization, byte[]> bodies = new EnumMap<>(Canonicalization.class);
    List<DkimResult> results = new ArrayList<>();
    for (HeaderField field : header.fields()) {
      if (!field.isNamed("DKIM-Signature")) {
        continue;
      }
      TagList tags;
      try {
        tags = TagList.parse(field.value());
      } catch (IllegalArgumentException e) {
        tags = TagList.parse("");
        if (results.size() < MAX_SIGNATURES) {
          results.add(result(tags, DkimStatus.PERMERROR, "signature syntax"));
          continue;
        }
      }
      if (results.size() >= MAX_SIGNATURES) {
        results.add(result(tags, DkimStatus.POLICY, "too many signatures"));
        continue;
      }
      try {
        DkimSignature signature = DkimSignature.parse(field, tags);
        check(message, header, signature, bodies);
        results.add(result(tags, DkimStatus.PASS, "verified"));
      } catch (DkimCheckFailure failure) {
        results.add(result(tags, failure.status(), failure.getMessage()));
      }
    }
    return List.copyOf(results);
  }

  private void check(
      byte[] message,
      MessageHeader header,
      DkimSignature signature,
      Map<Canonicalization, byte[]> bodies)
      throws DkimCheckFailure {
    // §3.5 (x=): a signature past its expiry is not valid.
    if (signature.expiry() >= 0 && clock.instant().getEpochSecond() > signature.expiry()) {
      throw DkimCheckFailure.permerror("signature expired");
    }
    PublicKey key = DkimKeyRecord.fetch(dns, signature);
    byte[] body =
        bodies.computeIfAbsent(
            signature.bodyCanonicalization(), c -> c.body(message, header.bodyStart()));
    int length = body.length;
    if (signature.bodyLength() >= 0) {
      // §3.5 (l=): only that many octets of the canonical body are hashed; a body shorter than
      // l= was cut and cannot verify.
      if (signature.bodyLength() > body.length) {
        throw DkimCheckFailure.fail("body shorter than l=");
      }
      length = (int) signature.bodyLength();
    }
    if (!MessageDigest.isEqual(DkimCrypto.sha256(body, length), signature.bodyHash())) {
      throw DkimCheckFailure.fail("body hash did not verify");
    }
    byte[] data =
        SignedData.of(
            header,
            signature.signedHeaders(),
            signature.headerCanonicalization(),
            signature.withoutSignatureValue());
    boolean verified;
    try {
      verified = DkimCrypto.verify(signature.algorithm(), key, data, signature.signature());
    } catch (GeneralSecurityException e) {
      verified = false;
    }
    if (!verified) {
      throw DkimCheckFailure.fail("signature did not verify");
    }
  }

  private static DkimResult result(TagList tags, DkimStatus status, String reason) {
    String b = TagList.withoutWhitespace(tags.get("b", ""));
    return new DkimResult(
        status,
        tags.get("d", ""),
        tags.get("s", ""),
        tags.get("a", ""),
        reason,
        b.substring(0, Math.min(PREFIX_LENGTH, b.length())));
  }
}
