package dev.mailvault.server.backup;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.store.backup.BackupTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A conditional PUT whose answer is lost after s3proxy stored the object: the client retries, the
 * retry is refused because the key now exists, and the put must still succeed, since the object is
 * its own. Another writer's object under the key stays a refusal. A small TCP relay between the
 * target and s3proxy drops the connection instead of passing on the first PUT's final answer.
 */
class S3LostAnswerTest {

  @RegisterExtension static final S3ProxyFixture S3 = new S3ProxyFixture();

  private AnswerDroppingRelay relay;
  private String bucket;
  private BackupTarget target;

  @BeforeEach
  void start() throws IOException {
    relay = new AnswerDroppingRelay(S3.endpoint());
    bucket = S3.newBucket();
    S3TargetConfig direct = S3.config(bucket, "");
    target =
        S3BackupTarget.open(
            new S3TargetConfig(
                relay.uri(),
                direct.region(),
                bucket,
                "",
                direct.accessKey(),
                direct.secretKey(),
                true,
                direct.partSize(),
                direct.listPageSize()));
  }

  @AfterEach
  void stop() throws IOException {
    target.close();
    relay.close();
  }

  @Test
  void aPutWhoseAnswerWasLostSucceedsOnTheRetry() throws IOException {
    relay.dropNextPutAnswer();

    target.put("0a1b2c/a.json", "manifest".getBytes(UTF_8));

    assertThat(relay.dropped()).as("the first PUT's answer was dropped").isEqualTo(1);
    assertThat(relay.puts()).as("the PUT was sent again").isGreaterThanOrEqualTo(2);
    try (InputStream in = target.get("0a1b2c/a.json")) {
      assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("manifest");
    }
  }

  @Test
  void anotherWritersObjectUnderTheKeyIsStillARefusal() throws IOException {
    // The HEAD before the PUT finds nothing; the object appears before the PUT arrives.
    relay.beforeNextPut(
        () -> {
          try (S3Client raw = S3.client()) {
            raw.putObject(
                b -> b.bucket(bucket).key("0a1b2c/b.json"), RequestBody.fromString("theirs"));
          }
        });

    assertThatThrownBy(() -> target.put("0a1b2c/b.json", "ours".getBytes(UTF_8)))
        .isInstanceOf(FileAlreadyExistsException.class);
    try (InputStream in = target.get("0a1b2c/b.json")) {
      assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("theirs");
    }
  }

  /** Relays HTTP/1.1 connections to s3proxy and can drop the final answer of one PUT. */
  private static final class AnswerDroppingRelay implements AutoCloseable {
    private final ServerSocket server;
    private final URI upstream;
    private final AtomicBoolean dropNext = new AtomicBoolean();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger puts = new AtomicInteger();
    private volatile Runnable beforePut;

    AnswerDroppingRelay(URI upstream) throws IOException {
      this.upstream = upstream;
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread acceptor = new Thread(this::accept, "s3-relay");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    void dropNextPutAnswer() {
      dropNext.set(true);
    }

    void beforeNextPut(Runnable action) {
      beforePut = action;
    }

    int dropped() {
      return dropped.get();
    }

    int puts() {
      return puts.get();
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          Socket origin =
              new Socket(upstream.getHost(), upstream.getPort()); // s3proxy on 127.0.0.1
          AtomicBoolean dropThisAnswer = new AtomicBoolean();
          start(() -> requests(client, origin, dropThisAnswer));
          start(() -> answers(origin, client, dropThisAnswer));
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    /** Client to s3proxy; marks the connection when a PUT should lose its answer. */
    private void requests(Socket client, Socket origin, AtomicBoolean dropThisAnswer) {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = client.getInputStream();
          OutputStream out = origin.getOutputStream()) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          if (new String(buffer, 0, Math.min(n, 4), ISO_8859_1).equals("PUT ")) {
            puts.incrementAndGet();
            Runnable action = beforePut;
            beforePut = null;
            if (action != null) {
              action.run();
            }
            if (dropNext.compareAndSet(true, false)) {
              dropThisAnswer.set(true);
            }
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // either side closed: the relay of this connection ends
      } finally {
        closeQuietly(client, origin);
      }
    }

    /** s3proxy to client; closes both sides instead of passing on a marked final answer. */
    private void answers(Socket origin, Socket client, AtomicBoolean dropThisAnswer) {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = origin.getInputStream();
          OutputStream out = client.getOutputStream()) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          // An interim "100 Continue" comes before the body is sent: only the final answer goes.
          boolean interim = new String(buffer, 0, Math.min(n, 12), ISO_8859_1).endsWith(" 100");
          if (dropThisAnswer.get() && !interim) {
            dropped.incrementAndGet();
            closeQuietly(client, origin);
            return;
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // either side closed
      } finally {
        closeQuietly(client, origin);
      }
    }

    private static void start(Runnable pump) {
      Thread thread = new Thread(pump, "s3-relay-pump");
      thread.setDaemon(true);
      thread.start();
    }

    private static void closeQuietly(Socket... sockets) {
      for (Socket socket : sockets) {
        try {
          socket.close();
        } catch (IOException e) {
          // already closed
        }
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
