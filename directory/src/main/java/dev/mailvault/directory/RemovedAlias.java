package dev.mailvault.directory;

import dev.mailvault.core.address.EmailAddress;

/**
 * An alias removed from the directory. Its keys are gone with it; the caller deletes the vault file
 * and spool named by {@code vaultId}.
 */
public record RemovedAlias(EmailAddress address, String vaultId) {}
