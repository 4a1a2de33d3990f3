package dev.mailvault.directory;

/**
 * A primary as the directory sees it: its current epoch, whether its lease is live, and how many
 * vaults it owns in this incarnation.
 */
public record PrimaryStatus(
    String primary, String rpcAddress, long epoch, boolean live, long vaults) {}
