package dev.mailvault.server.backup;

import java.net.URI;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for tests: s3proxy with its filesystem backend in a temporary folder,
 * on 127.0.0.1 with an ephemeral port, started once per test class and checking AWS v4 signatures
 * against its own credentials. Register it as {@code @RegisterExtension static final S3ProxyFixture
 * S3 = new S3ProxyFixture();} and take a fresh bucket per test with {@link #newBucket()}.
 */
public final class S3ProxyFixture implements BeforeAllCallback, AfterAllCallback {

  public static final String REGION = "us-east-1";

  private final String accessKey = "mailvault-test";
  private final String secretKey = UUID.randomUUID().toString();
  private final AtomicInteger buckets = new AtomicInteger();
  private S3ProxyJunitCore proxy;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    proxy = new S3ProxyJunitCore.Builder().withCredentials(accessKey, secretKey).build();
    proxy.beforeEach();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (proxy != null) {
      proxy.afterEach();
    }
  }

  /** The server's URL, {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return proxy.getUri();
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  /** Creates an empty bucket with a new name and returns the name. */
  public String newBucket() {
    String bucket = "backups-" + buckets.incrementAndGet();
    try (S3Client admin = client()) {
      admin.createBucket(b -> b.bucket(bucket));
    }
    return bucket;
  }

  /** A configuration for {@code bucket} with the smallest part size S3 allows. */
  public S3TargetConfig config(String bucket, String prefix) {
    return new S3TargetConfig(
        endpoint(),
        REGION,
        bucket,
        prefix,
        accessKey,
        secretKey,
        true,
        S3TargetConfig.MIN_PART_SIZE,
        S3TargetConfig.DEFAULT_LIST_PAGE_SIZE);
  }

  /** A target on a new, empty bucket. */
  public S3BackupTarget newTarget() {
    return S3BackupTarget.open(config(newBucket(), ""));
  }

  /**
   * The {@code mailvault.*} settings (config keys) that point {@code BackupTargets} at {@code
   * bucket}, for tests that go through the CLI or the factory.
   */
  public java.util.Map<String, String> settings(String bucket, String prefix) {
    return java.util.Map.of(
        "backup.target", "s3",
        "backup.s3.endpoint", endpoint().toString(),
        "backup.s3.region", REGION,
        "backup.s3.bucket", bucket,
        "backup.s3.prefix", prefix,
        "backup.s3.access-key", accessKey,
        "backup.s3.secret-key", secretKey,
        "backup.s3.path-style", "true");
  }

  /** A plain SDK client on the server, to look behind a target's back. */
  public S3Client client() {
    return S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .region(Region.of(REGION))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .endpointOverride(endpoint())
        .forcePathStyle(true)
        .build();
  }
}
