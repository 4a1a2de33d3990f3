package dev.mailvault.mailauth.dkim;

/**
 * The outcome of one DKIM-Signature field.
 *
 * @param status what verification concluded
 * @param domain the signature's {@code d=}
 * @param selector its {@code s=}
 * @param algorithm its {@code a=}
 * @param reason a short account of why, for a comment
 * @param signaturePrefix the first characters of {@code b=}, which tell signatures apart in
 *     Authentication-Results ({@code header.b}, RFC 6008)
 */
public record DkimResult(
    DkimStatus status,
    String domain,
    String selector,
    String algorithm,
    String reason,
    String signaturePrefix) {}
