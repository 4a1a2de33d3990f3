package dev.mailvault.server.backup;

import java.net.URI;
import java.util.Objects;

/**
 * Where and how to reach an S3 bucket for backups.
 *
 * @param endpoint the service URL of an S3-compatible server, or null for AWS itself
 * @param region the signing region ({@code us-east-1} suits most S3-compatible servers)
 * @param bucket the bucket, which must exist
 * @param prefix prepended to every key, "" or ending in '/'
 * @param accessKey the access key id, or null to use the AWS default credential chain
 * @param secretKey the secret access key; never logged or printed ({@link #toString} hides it)
 * @param pathStyle {@code https://host/bucket/key} instead of {@code https://bucket.host/key}
 * @param partSize bytes per part of a multipart upload, and the size above which one is used
 * @param listPageSize keys asked for per listing request (S3 returns at most 1000)
 */
public record S3TargetConfig(
    URI endpoint,
    String region,
    String bucket,
    String prefix,
    String accessKey,
    String secretKey,
    boolean pathStyle,
    long partSize,
    int listPageSize) {

  /** S3 refuses parts below 5 MiB, except the last. */
  public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

  public static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;
  public static final int DEFAULT_LIST_PAGE_SIZE = 1000;

  public S3TargetConfig {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(bucket, "bucket");
    prefix = normalizePrefix(prefix);
    if ((accessKey == null) != (secretKey == null)) {
      throw new IllegalArgumentException("S3 access key and secret key go together");
    }
    if (partSize < MIN_PART_SIZE) {
      throw new IllegalArgumentException("S3 part size must be at least 5 MiB");
    }
    if (listPageSize < 1 || listPageSize > DEFAULT_LIST_PAGE_SIZE) {
      throw new IllegalArgumentException("S3 list page size must be from 1 to 1000");
    }
  }

  /** This configuration with another listing page size (tests use small pages). */
  public S3TargetConfig withListPageSize(int size) {
    return new S3TargetConfig(
        endpoint, region, bucket, prefix, accessKey, secretKey, pathStyle, partSize, size);
  }

  /** This configuration with another part size. */
  public S3TargetConfig withPartSize(long size) {
    return new S3TargetConfig(
        endpoint, region, bucket, prefix, accessKey, secretKey, pathStyle, size, listPageSize);
  }

  private static String normalizePrefix(String raw) {
    if (raw == null) {
      return "";
    }
    String trimmed = raw.strip();
    while (trimmed.startsWith("/")) {
      trimmed = trimmed.substring(1);
    }
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? "" : trimmed + "/";
  }

  @Override
  public String toString() {
    return "S3TargetConfig[endpoint="
        + endpoint
        + ", region="
        + region
        + ", bucket="
        + bucket
        + ", prefix="
        + prefix
        + ", accessKey="
        + accessKey
        + ", secretKey="
        + (secretKey == null ? "null" : "(hidden)")
        + ", pathStyle="
        + pathStyle
        + ", partSize="
        + partSize
        + ", listPageSize="
        + listPageSize
        + "]";
  }
}
