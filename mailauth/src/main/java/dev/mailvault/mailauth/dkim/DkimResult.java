package dev.mailvault.mailauth.dkim;

/**
 * What verifying one DKIM-Signature field found. Carries no message text: the reason is one of a
 * few fixed phrases.
 *
 * @param status the verdict
 * @param domain the signature's {@code d=} ({@code header.d}), empty when it has none
 * @param selector the signature's {@code s=} ({@code header.s}), empty when it has none
 * @param algorithm the signature's {@code a=} ({@code header.a}), empty when it has none
 * @param reason a short human reason, e.g. "body hash did not verify"; "verified" for PASS
 * @param signaturePrefix the first 8 characters of {@code b=} ({@code header.b}, RFC 6008 §4)
 */
public record DkimResult(
    DkimStatus status,
    String domain,
    String selector,
    String algorithm,
    String reason,
    String signaturePrefix) {}
