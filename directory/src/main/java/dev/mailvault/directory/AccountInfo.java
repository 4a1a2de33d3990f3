package dev.mailvault.directory;

/** The account that owns every domain (one default account for now), with its shared quota. */
public record AccountInfo(String name, QuotaLimits limits, Usage usage) {}
