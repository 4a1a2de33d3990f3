package dev.mailvault.server.backup;

import dev.mailvault.store.backup.BackupKeySyntax;
import dev.mailvault.store.backup.BackupTarget;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link BackupTarget} in an S3 bucket (AWS or any S3-compatible server), through the AWS SDK v2
 * with the JDK's URLConnection client (ADR 0131). Key {@code k} is the object {@code <prefix>k}.
 *
 * <p>A file larger than the part size goes up as a multipart upload whose parts are read from the
 * file at their offsets when sent (and again on a retry), so memory stays small whatever the vault
 * size; a failed upload is aborted so no parts linger. A key is written once: an existing object is
 * refused by a HEAD first and by {@code If-None-Match: *} on the write itself, for servers that
 * honour it. A partly uploaded object never appears under its key (S3 writes are all or nothing).
 *
 * <p>Thread-safe: the SDK client is.
 */
public final class S3BackupTarget implements BackupTarget {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);
  private static final int HTTP_NOT_FOUND = 404;
  private static final int HTTP_PRECONDITION_FAILED = 412;
  private static final int HTTP_CONFLICT = 409;

  /** User metadata naming the put that wrote an object (see {@link #acceptOwnWrite}). */
  private static final String WRITE_TOKEN = "mailvault-put";

  private final S3TargetConfig config;
  private final S3Client client;

  private S3BackupTarget(S3TargetConfig config, S3Client client) {
    this.config = config;
    this.client = client;
  }

  /** A target for {@code config}; no request is made until the first call. */
  public static S3BackupTarget open(S3TargetConfig config) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .socketTimeout(SOCKET_TIMEOUT))
            .region(Region.of(config.region()))
            .credentialsProvider(credentials(config))
            .forcePathStyle(config.pathStyle())
            // Many S3-compatible servers reject the newer default trailing checksums; the
            // SHA-256 in the backup manifest is what proves a backup whole.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (config.endpoint() != null) {
      builder.endpointOverride(config.endpoint());
    }
    return new S3BackupTarget(config, builder.build());
  }

  private static AwsCredentialsProvider credentials(S3TargetConfig config) {
    if (config.accessKey() == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(config.accessKey(), config.secretKey()));
  }

  @Override
  public void put(String key, Path file) throws IOException {
    String objectKey = objectKey(key);
    refuseExisting(key, objectKey);
    long size = Files.size(file);
    String token = UUID.randomUUID().toString();
    try {
      if (size <= config.partSize()) {
        upload(key, objectKey, token, RequestBody.fromFile(file));
      } else {
        uploadInParts(key, objectKey, token, file, size);
      }
    } catch (FileAlreadyExistsException e) {
      acceptOwnWrite(key, objectKey, token, e);
    }
  }

  @Override
  public void put(String key, byte[] bytes) throws IOException {
    String objectKey = objectKey(key);
    refuseExisting(key, objectKey);
    String token = UUID.randomUUID().toString();
    try {
      upload(key, objectKey, token, RequestBody.fromBytes(bytes));
    } catch (FileAlreadyExistsException e) {
      acceptOwnWrite(key, objectKey, token, e);
    }
  }

  private void upload(String key, String objectKey, String token, RequestBody body)
      throws IOException {
    try {
      client.putObject(
          b ->
              b.bucket(config.bucket())
                  .key(objectKey)
                  .ifNoneMatch("*")
                  .metadata(Map.of(WRITE_TOKEN, token)),
          body);
    } catch (SdkException e) {
      throw failure("upload of", key, e);
    }
  }

  /**
   * A conditional write refused because the key exists may have been refused over our own object:
   * the SDK retries a request whose answer it did not get (a dropped connection, a 5xx), and the
   * retry finds what the first attempt stored. The token each put stores with its object tells the
   * two apart; any other object under the key is a real conflict.
   */
  private void acceptOwnWrite(
      String key, String objectKey, String token, FileAlreadyExistsException refused)
      throws IOException {
    String stored;
    try {
      stored =
          client
              .headObject(b -> b.bucket(config.bucket()).key(objectKey))
              .metadata()
              .get(WRITE_TOKEN);
    } catch (SdkException e) {
      throw failure("check of", key, e);
    }
    if (!token.equals(stored)) {
      throw refused;
    }
  }

  private void uploadInParts(String key, String objectKey, String token, Path file, long size)
      throws IOException {
    String uploadId;
    try {
      uploadId =
          client
              .createMultipartUpload(
                  b ->
                      b.bucket(config.bucket()).key(objectKey).metadata(Map.of(WRITE_TOKEN, token)))
              .uploadId();
    } catch (SdkException e) {
      throw failure("upload of", key, e);
    }
    try {
      List<CompletedPart> parts = new ArrayList<>();
      long partSize = config.partSize();
      int partNumber = 1;
      for (long offset = 0; offset < size; offset += partSize, partNumber++) {
        long length = Math.min(partSize, size - offset);
        int number = partNumber;
        String etag =
            client
                .uploadPart(
                    b ->
                        b.bucket(config.bucket())
                            .key(objectKey)
                            .uploadId(uploadId)
                            .partNumber(number)
                            .contentLength(length),
                    RequestBody.fromContentProvider(
                        slice(file, offset, length), length, "application/octet-stream"))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
      }
      client.completeMultipartUpload(
          b ->
              b.bucket(config.bucket())
                  .key(objectKey)
                  .uploadId(uploadId)
                  .ifNoneMatch("*")
                  .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
    } catch (SdkException | UncheckedIOException e) {
      abort(objectKey, uploadId);
      if (e instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw failure("upload of", key, (SdkException) e);
    } catch (RuntimeException e) {
      abort(objectKey, uploadId);
      throw e;
    }
  }

  /** Bytes {@code [offset, offset + length)} of the file, opened afresh for each (re)try. */
  private static ContentStreamProvider slice(Path file, long offset, long length) {
    return () -> {
      try {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ).position(offset);
        return new LimitedInputStream(Channels.newInputStream(channel), length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  private void abort(String objectKey, String uploadId) {
    try {
      client.abortMultipartUpload(b -> b.bucket(config.bucket()).key(objectKey).uploadId(uploadId));
    } catch (SdkException ignored) {
      // The upload failed already; a server that also refuses the abort expires the parts by its
      // own lifecycle rules. The original failure is what the caller needs to see.
    }
  }

  private void refuseExisting(String key, String objectKey) throws IOException {
    try {
      client.headObject(b -> b.bucket(config.bucket()).key(objectKey));
    } catch (NoSuchKeyException e) {
      return;
    } catch (S3Exception e) {
      if (e.statusCode() == HTTP_NOT_FOUND) {
        return;
      }
      throw failure("check of", key, e);
    } catch (SdkException e) {
      throw failure("check of", key, e);
    }
    throw new FileAlreadyExistsException(key, null, "a backup object exists under this key");
  }

  @Override
  public InputStream get(String key) throws IOException {
    String objectKey = objectKey(key);
    try {
      return client.getObject(b -> b.bucket(config.bucket()).key(objectKey));
    } catch (SdkException e) {
      throw failure("download of", key, e);
    }
  }

  /** A ranged GET (RFC 9110 §14.1.2): a piece of a download costs its own bytes only. */
  @Override
  public InputStream get(String key, long offset) throws IOException {
    if (offset == 0) {
      return get(key);
    }
    String objectKey = objectKey(key);
    try {
      return client.getObject(
          b -> b.bucket(config.bucket()).key(objectKey).range("bytes=" + offset + "-"));
    } catch (SdkException e) {
      throw failure("download of", key, e);
    }
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    BackupKeySyntax.checkPrefix(prefix);
    List<String> keys = new ArrayList<>();
    String continuation = null;
    try {
      do {
        ListObjectsV2Request.Builder request =
            ListObjectsV2Request.builder()
                .bucket(config.bucket())
                .prefix(config.prefix() + prefix)
                .maxKeys(config.listPageSize());
        if (continuation != null) {
          request.continuationToken(continuation);
        }
        ListObjectsV2Response page = client.listObjectsV2(request.build());
        for (S3Object object : page.contents()) {
          keys.add(object.key().substring(config.prefix().length()));
        }
        continuation =
            Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
      } while (continuation != null);
    } catch (SdkException e) {
      throw failure("listing of", prefix.isEmpty() ? "(all)" : prefix + "*", e);
    }
    keys.sort(BackupKeySyntax.ORDER);
    return keys;
  }

  @Override
  public void delete(String key) throws IOException {
    String objectKey = objectKey(key);
    try {
      client.deleteObject(b -> b.bucket(config.bucket()).key(objectKey));
    } catch (NoSuchKeyException absent) {
      // S3 answers 204 for an absent key; some compatible servers say 404. Either way: gone.
    } catch (SdkException e) {
      throw failure("delete of", key, e);
    }
  }

  @Override
  public String describe() {
    String where = "s3://" + config.bucket() + "/" + config.prefix();
    return config.endpoint() == null ? where : where + " at " + config.endpoint();
  }

  @Override
  public void close() {
    client.close();
  }

  private String objectKey(String key) {
    return config.prefix() + BackupKeySyntax.checkKey(key);
  }

  /**
   * One readable IOException for an SDK failure: absent objects as {@link NoSuchFileException}, a
   * lost write race as {@link FileAlreadyExistsException}. SDK messages carry no credentials.
   */
  private IOException failure(String what, String key, SdkException e) {
    if (e instanceof NoSuchKeyException
        || (e instanceof S3Exception s3 && s3.statusCode() == HTTP_NOT_FOUND)) {
      return new NoSuchFileException(key, null, "no backup object under this key in " + describe());
    }
    if (e instanceof S3Exception s3
        && (s3.statusCode() == HTTP_PRECONDITION_FAILED || s3.statusCode() == HTTP_CONFLICT)
        && what.startsWith("upload")) {
      return new FileAlreadyExistsException(key, null, "a backup object exists under this key");
    }
    String reason =
        e instanceof S3Exception s3 && s3.awsErrorDetails() != null
            ? s3.awsErrorDetails().errorCode() + " (HTTP " + s3.statusCode() + ")"
            : e.getMessage();
    return new IOException(
        "S3 " + what + " " + key + " in " + describe() + " failed: " + reason, e);
  }

  /** At most {@code limit} bytes of the stream it wraps; closing it closes the file. */
  private static final class LimitedInputStream extends FilterInputStream {

    private long left;

    LimitedInputStream(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = super.read(buffer, offset, (int) Math.min(length, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(Math.min(n, left));
      left -= skipped;
      return skipped;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(super.available(), left);
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
