package dev.mailvault.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.store.backup.BackupTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The backup contract on a real S3-compatible server (s3proxy), plus what only S3 has. */
class S3BackupTargetTest extends BackupTargetContract {

  @RegisterExtension static final S3ProxyFixture S3 = new S3ProxyFixture();

  @Override
  BackupTarget newTarget() {
    // Pages of 7 keys, so every listing of more than 7 keys takes several requests.
    return S3BackupTarget.open(S3.config(S3.newBucket(), "").withListPageSize(7));
  }

  @Override
  long largeObjectSize() {
    // Three parts of 5 MiB and a short fourth.
    return 3 * S3TargetConfig.MIN_PART_SIZE + 4097;
  }

  @Test
  void keysLiveUnderTheConfiguredPrefixAndOnlyThoseAreListed() throws IOException {
    String bucket = S3.newBucket();
    try (S3Client raw = S3.client();
        BackupTarget prefixed = S3BackupTarget.open(S3.config(bucket, "/site-a/mailvault/"))) {
      raw.putObject(b -> b.bucket(bucket).key("unrelated/object"), RequestBody.fromString("x"));
      prefixed.put("0a1b2c/a.manifest", bytes("m"));

      assertThat(raw.listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(S3Object::key))
          .containsExactly("site-a/mailvault/0a1b2c/a.manifest", "unrelated/object");
      assertThat(prefixed.list("")).containsExactly("0a1b2c/a.manifest");
      assertThat(prefixed.describe())
          .isEqualTo("s3://" + bucket + "/site-a/mailvault/ at " + S3.endpoint());
    }
  }

  @Test
  void aLargeUploadLeavesNoPartsBehind() throws Exception {
    String bucket = S3.newBucket();
    Path file = scratch.resolve("large.vault");
    writeRandomFile(file, 2 * S3TargetConfig.MIN_PART_SIZE + 10);
    try (S3Client raw = S3.client();
        BackupTarget s3 = S3BackupTarget.open(S3.config(bucket, ""))) {
      s3.put("0a1b2c/large.vault", file);

      assertThat(raw.headObject(b -> b.bucket(bucket).key("0a1b2c/large.vault")).contentLength())
          .isEqualTo(Files.size(file));
      assertThat(raw.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }
  }

  @Test
  void theServerRefusesAConditionalWriteOverAnExistingObject() {
    String bucket = S3.newBucket();
    try (S3Client raw = S3.client()) {
      raw.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("first"));
      assertThatThrownBy(
              () ->
                  raw.putObject(
                      b -> b.bucket(bucket).key("k").ifNoneMatch("*"),
                      RequestBody.fromString("second")))
          .isInstanceOf(S3Exception.class);
    }
  }

  @Test
  void aWrongSecretIsAReadableFailure() {
    S3TargetConfig good = S3.config(S3.newBucket(), "");
    S3TargetConfig bad =
        new S3TargetConfig(
            good.endpoint(),
            good.region(),
            good.bucket(),
            "",
            good.accessKey(),
            "not-the-secret",
            true,
            good.partSize(),
            good.listPageSize());
    try (BackupTarget s3 = S3BackupTarget.open(bad)) {
      assertThatThrownBy(() -> s3.list(""))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("S3 listing of (all) in s3://" + good.bucket())
          .hasMessageNotContaining("not-the-secret");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theSecretKeyIsNeverPrinted() {
    S3TargetConfig config = S3.config("b", "");
    assertThat(config.toString()).doesNotContain(S3.secretKey()).contains("(hidden)");
  }

  private static byte[] read(BackupTarget target, String key) throws IOException {
    try (var in = target.get(key)) {
      return in.readAllBytes();
    }
  }
}
