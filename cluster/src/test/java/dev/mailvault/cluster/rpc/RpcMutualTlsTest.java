package dev.mailvault.cluster.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only a client certificate from the cluster CA opens {@code /rpc}: a plain JDK TLS client asks for
 * the WebSocket upgrade with this cluster's certificate (101), another CA's (refused) and none
 * (refused). The refused ones trust the server, so only the server's check can stop them.
 */
class RpcMutualTlsTest {

  private static final char[] PASSWORD = "test".toCharArray();
  private static final String UPGRADE =
      "GET /rpc HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

  @TempDir Path dir;

  private EventLoopGroup loops;
  private ExecutorService workers;
  private TestService service;
  private ClusterTls primary;
  private ClusterTls member;
  private RpcServer server;

  @BeforeEach
  void setUp() throws Exception {
    loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    workers = Executors.newFixedThreadPool(2);
    service = new TestService();
    TestCluster ours = new TestCluster(dir.resolve("ours"));
    primary = ours.node("primary-1");
    member = ours.node("frontend-1");
    server = RpcServer.start(loops, "127.0.0.1", 0, primary, service, workers);
  }

  @AfterEach
  void tearDown() {
    server.close();
    workers.shutdownNow();
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void theClusterCertificateIsAcceptedAndOthersAreRefused() throws Exception {
    ClusterTls stranger = new TestCluster(dir.resolve("theirs")).node("frontend-1");

    assertThat(upgrade(member)).startsWith("HTTP/1.1 101");
    assertThat(upgrade(stranger)).isEqualTo("refused");
    assertThat(upgrade(null)).isEqualTo("refused");
    assertThat(service.peers).isEmpty();
  }

  /**
   * The first line the server answers to an upgrade request from a client presenting {@code
   * identity} (none when null) and trusting the cluster CA; "refused" if TLS ends it.
   */
  private String upgrade(ClusterTls identity) throws Exception {
    KeyManagerFactory keys = null;
    if (identity != null) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "node", identity.nodeKey(), PASSWORD, new Certificate[] {identity.nodeCertificate()});
      keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, PASSWORD);
    }
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("ca", primary.caCertificate());
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.port())) {
      socket.setSoTimeout(20_000);
      socket.setEnabledProtocols(new String[] {"TLSv1.3"});
      socket.startHandshake();
      socket.getOutputStream().write(UPGRADE.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String line = firstLine(socket.getInputStream());
      return line == null ? "refused" : line;
    } catch (java.net.SocketTimeoutException e) {
      throw new AssertionError("the server neither answered nor closed", e);
    } catch (IOException e) {
      return "refused";
    }
  }

  private static String firstLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n' && line.size() < 200) {
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII).trim();
  }
}
