package dev.mailvault.directory;

import java.util.Optional;

/**
 * An admin's second-factor state, as a login needs it.
 *
 * @param sealedTotpSecret the TOTP secret as the server sealed it; empty before enrolment
 * @param lastStep the last TOTP step accepted (a code of that step or earlier is refused)
 */
public record AdminCredentials(
    String name, boolean enrolled, Optional<byte[]> sealedTotpSecret, long lastStep) {}
