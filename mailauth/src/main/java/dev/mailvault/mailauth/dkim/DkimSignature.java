package dev.mailvault.mailauth.dkim;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * One DKIM-Signature field, parsed and checked against RFC 6376 §6.1.1 before any key is fetched.
 *
 * @param bodyLength the {@code l=} count, or -1 for the whole body
 * @param expiry the {@code x=} time in seconds since the epoch, or -1 for none
 */
record DkimSignature(
    HeaderField field,
    DkimAlgorithm algorithm,
    String domain,
    String selector,
    String identityDomain,
    Canonicalization headerCanonicalization,
    Canonicalization bodyCanonicalization,
    List<String> signedHeaders,
    byte[] bodyHash,
    byte[] signature,
    long bodyLength,
    long expiry) {

  /** The longest {@code l=}, {@code t=} or {@code x=} we read: 76 digits are allowed, 18 fit. */
  private static final int MAX_DIGITS = 18;

  static DkimSignature parse(HeaderField field, TagList tags) throws DkimCheckFailure {
    // RFC 6376 §6.1.1: v=1, and a, b, bh, d, h, s present.
    if (!"1".equals(tags.get("v", ""))) {
      throw DkimCheckFailure.permerror("unsupported signature version");
    }
    for (String required : List.of("a", "b", "bh", "d", "h", "s")) {
      if (!tags.has(required)) {
        throw DkimCheckFailure.permerror("signature lacks " + required + "=");
      }
    }
    DkimAlgorithm algorithm = algorithm(tags.get("a", ""));
    String domain = tags.get("d", "").toLowerCase(Locale.ROOT);
    String selector = tags.get("s", "");
    if (domain.isEmpty() || selector.isEmpty()) {
      throw DkimCheckFailure.permerror("signature has an empty d= or s=");
    }
    List<String> signedHeaders = TagList.split(tags.get("h", ""), ':');
    // §6.1.1: a signature that does not cover From is unacceptable.
    if (signedHeaders.stream().noneMatch(name -> name.equalsIgnoreCase("from"))) {
      throw DkimCheckFailure.permerror("From is not signed");
    }
    String identityDomain = domain;
    if (tags.has("i")) {
      String identity = tags.get("i", "");
      int at = identity.lastIndexOf('@');
      identityDomain = identity.substring(at + 1).toLowerCase(Locale.ROOT);
      // §3.5 (i=): the identity's domain is d= or a subdomain of it.
      if (at < 0 || !(identityDomain.equals(domain) || identityDomain.endsWith("." + domain))) {
        throw DkimCheckFailure.permerror("i= is not within d=");
      }
    }
    String[] canonicalizations = tags.get("c", "simple/simple").split("/", -1);
    Canonicalization header = Canonicalization.named(canonicalizations[0].trim());
    Canonicalization body =
        canonicalizations.length == 1
            ? Canonicalization.SIMPLE
            : Canonicalization.named(canonicalizations[1].trim());
    if (header == null || body == null || canonicalizations.length > 2) {
      throw DkimCheckFailure.permerror("unknown canonicalization");
    }
    // §3.5 (q=): dns/txt is the only query method there is.
    if (tags.has("q")
        && TagList.split(tags.get("q", ""), ':').stream().noneMatch("dns/txt"::equalsIgnoreCase)) {
      throw DkimCheckFailure.permerror("unknown query method");
    }
    long bodyLength = tags.has("l") ? number(tags.get("l", ""), "l=") : -1;
    long timestamp = tags.has("t") ? number(tags.get("t", ""), "t=") : -1;
    long expiry = tags.has("x") ? number(tags.get("x", ""), "x=") : -1;
    if (expiry >= 0 && timestamp >= 0 && expiry < timestamp) {
      throw DkimCheckFailure.permerror("x= is before t=");
    }
    return new DkimSignature(
        field,
        algorithm,
        domain,
        selector,
        identityDomain,
        header,
        body,
        signedHeaders,
        base64(tags.get("bh", ""), "bh="),
        base64(tags.get("b", ""), "b="),
        bodyLength,
        expiry);
  }

  private static DkimAlgorithm algorithm(String tag) throws DkimCheckFailure {
    for (DkimAlgorithm algorithm : DkimAlgorithm.values()) {
      if (algorithm.tag().equalsIgnoreCase(tag)) {
        return algorithm;
      }
    }
    if ("rsa-sha1".equalsIgnoreCase(tag)) {
      // RFC 8301 §3.1: signers MUST NOT use rsa-sha1, verifiers MUST NOT consider it valid.
      throw DkimCheckFailure.permerror("rsa-sha1 is not accepted (RFC 8301)");
    }
    throw DkimCheckFailure.permerror("unknown algorithm");
  }

  private static long number(String value, String tag) throws DkimCheckFailure {
    if (value.isEmpty()
        || value.length() > MAX_DIGITS
        || !value.chars().allMatch(Character::isDigit)) {
      throw DkimCheckFailure.permerror("invalid " + tag);
    }
    return Long.parseLong(value);
  }

  private static byte[] base64(String value, String tag) throws DkimCheckFailure {
    try {
      return Base64.getDecoder().decode(TagList.withoutWhitespace(value));
    } catch (IllegalArgumentException e) {
      throw DkimCheckFailure.permerror("invalid " + tag);
    }
  }

  /**
   * This field with the value of {@code b=} deleted, the white space around it too (RFC 6376 §3.7):
   * what the signer signed in place of the finished field.
   */
  HeaderField withoutSignatureValue() {
    return withoutSignatureValue(field);
  }

  static HeaderField withoutSignatureValue(HeaderField field) {
    String text = new String(field.raw(), StandardCharsets.ISO_8859_1);
    int fieldEnd = text.length();
    if (text.endsWith("\r\n")) {
      fieldEnd -= 2;
    } else if (text.endsWith("\n")) {
      fieldEnd -= 1;
    }
    int specStart = text.indexOf(':') + 1;
    while (specStart > 0 && specStart <= fieldEnd) {
      int specEnd = text.indexOf(';', specStart);
      if (specEnd < 0 || specEnd > fieldEnd) {
        specEnd = fieldEnd;
      }
      int equals = text.indexOf('=', specStart);
      if (equals >= 0 && equals < specEnd && text.substring(specStart, equals).trim().equals("b")) {
        String without = text.substring(0, equals + 1) + text.substring(specEnd);
        return new HeaderField(field.name(), without.getBytes(StandardCharsets.ISO_8859_1));
      }
      specStart = specEnd + 1;
    }
    return field;
  }
}
