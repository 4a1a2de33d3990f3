package dev.mailvault.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.server.DataLayout;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real handshakes on 127.0.0.1: a tiny Netty echo server using the context {@link TlsContexts}
 * builds from the generated certificate, on BoringSSL and on Bouncy Castle's JSSE, and JDK clients
 * that trust only that certificate.
 */
class TlsHandshakeTest {

  @TempDir static Path data;

  private static EventLoopGroup group;
  private static X509Certificate trusted;
  private static DataLayout layout;
  private static Settings settings;

  @BeforeAll
  static void generateCertificate() throws Exception {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    layout = DataLayout.open(data);
    settings = Settings.resolve(Map.of(Setting.DATA, data.toString()), Map.of(), null);
    TlsContexts.start(layout, settings).close();
    // The client trusts the file on disk, read by the JDK, as an operator would export it.
    try (InputStream in = Files.newInputStream(layout.tls().resolve("cert.pem"))) {
      trusted = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  @AfterAll
  static void stop() {
    group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void boringSslIsUsedWhereNettyTcnativeShipsANativeLibrary() {
    assertThat(TlsProvider.preferred()).isEqualTo(TlsProvider.BORINGSSL);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void defaultClientNegotiatesTls13AndVerifiesTheLoopbackAddress(TlsProvider provider)
      throws Exception {
    Channel server = start(provider);
    try (SSLSocket socket = connect(server, "TLSv1.3", "TLSv1.2")) {
      socket.startHandshake();

      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
      assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(trusted);
      assertThat(echo(socket, "a1 NOOP\r\n")).isEqualTo("a1 NOOP\r\n");
    } finally {
      server.close().syncUninterruptibly();
    }
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void tls12ClientGetsAnEcdheAeadSuite(TlsProvider provider) throws Exception {
    Channel server = start(provider);
    try (SSLSocket socket = connect(server, "TLSv1.2")) {
      socket.startHandshake();

      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
      assertThat(socket.getSession().getCipherSuite())
          .startsWith("TLS_ECDHE_RSA_WITH_")
          .containsAnyOf("_GCM_", "CHACHA20_POLY1305");
      assertThat(echo(socket, "a2 NOOP\r\n")).isEqualTo("a2 NOOP\r\n");
    } finally {
      server.close().syncUninterruptibly();
    }
  }

  /**
   * A client that offers only TLS 1.1. Java 17 refuses to send such a hello itself (TLS 1.1 is in
   * jdk.tls.disabledAlgorithms), which would fail without asking the server; so the hello is
   * written by hand and the server's own answer is checked: a fatal protocol_version alert (RFC
   * 5246 §7.2.2, alert 70), not a ServerHello. Offering only CBC suites, which we do not enable,
   * means a server that accepted TLS 1.1 would answer handshake_failure (40) instead.
   */
  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void tls11ClientIsRefusedWithProtocolVersionAlert(TlsProvider provider) throws Exception {
    Channel server = start(provider);
    try (Socket socket = new Socket("127.0.0.1", port(server))) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(clientHello(0x0302));
      socket.getOutputStream().flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());

      byte[] header = new byte[5];
      in.readFully(header);
      byte[] alert = new byte[header[4]];
      in.readFully(alert);

      assertThat(header[0]).as("record type: 21 alert, 22 handshake").isEqualTo((byte) 21);
      assertThat(alert).containsExactly(2, 70); // fatal, protocol_version
    } finally {
      server.close().syncUninterruptibly();
    }
  }

  private Channel start(TlsProvider provider) throws Exception {
    ServerTls tls =
        TlsContexts.start(layout, settings, Clock.systemUTC(), provider, Duration.ofHours(1));
    tls.close(); // stops the file poller; the context goes on serving
    SslContext context = tls.context();
    return new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childHandler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(context.newHandler(ch.alloc()), new Echo());
              }
            })
        .bind("127.0.0.1", 0)
        .sync()
        .channel();
  }

  private static final class Echo extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ctx.writeAndFlush(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // Refused handshakes are what some tests expect; the client side asserts on them.
      ctx.close();
    }
  }

  private static int port(Channel server) {
    return ((java.net.InetSocketAddress) server.localAddress()).getPort();
  }

  /** A JDK client that trusts only the generated certificate and checks the name it dialled. */
  private static SSLSocket connect(Channel server, String... protocols) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("mailvault", trusted);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, factory.getTrustManagers(), new SecureRandom());
    SSLSocket socket =
        (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port(server));
    socket.setSoTimeout(30_000);
    SSLParameters parameters = socket.getSSLParameters();
    // Hostname verification against the IP address SAN (RFC 6125 / RFC 2818 §3.1).
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    parameters.setProtocols(protocols);
    socket.setSSLParameters(parameters);
    return socket;
  }

  private static String echo(SSLSocket socket, String line) throws Exception {
    OutputStream out = socket.getOutputStream();
    out.write(line.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    byte[] back = new byte[line.length()];
    new DataInputStream(socket.getInputStream()).readFully(back);
    return new String(back, StandardCharsets.US_ASCII);
  }

  /** A minimal ClientHello (RFC 5246 §7.4.1.2) offering {@code version} and two CBC suites. */
  private static byte[] clientHello(int version) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(version >> 8);
    body.write(version);
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    body.writeBytes(random);
    body.write(0); // no session id
    body.writeBytes(new byte[] {0, 4, (byte) 0xC0, 0x13, 0x00, 0x2F}); // ECDHE_RSA / RSA AES-CBC
    body.writeBytes(new byte[] {1, 0}); // compression: null
    byte[] hello = body.toByteArray();
    ByteArrayOutputStream record = new ByteArrayOutputStream();
    record.writeBytes(new byte[] {22, 3, 1}); // handshake record, TLS 1.0 record version
    int length = hello.length + 4;
    record.write(length >> 8);
    record.write(length);
    record.write(1); // client_hello
    record.writeBytes(new byte[] {0, (byte) (hello.length >> 8), (byte) hello.length});
    record.writeBytes(hello);
    return record.toByteArray();
  }
}
