package dev.mailvault.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.protocol.net.TlsSessionInfo;
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
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An operator's ECDSA P-256 certificate (what ACME clients issue by default) and a client that
 * prefers the hybrid group: X25519MLKEM768 is negotiated on both providers. The client also lists
 * P-256, as every browser does. A Bouncy Castle client that lists only the hybrid group is answered
 * handshake_failure with this certificate by BoringSSL and Bouncy Castle servers alike (tried
 * here), so the cause lies in that client's offer, most likely ECDSA schemes tied to the curves it
 * lists; with an RSA certificate the hybrid-only client connects (see PostQuantumListenersTest).
 */
class EcdsaCertificateTest {

  private static EventLoopGroup loops;
  private static TlsMaterial material;

  @BeforeAll
  static void start() throws Exception {
    loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    Instant now = Instant.now();
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        new X500Name("CN=localhost"),
                        BigInteger.ONE,
                        Date.from(now.minus(Duration.ofHours(1))),
                        Date.from(now.plus(Duration.ofDays(90))),
                        new X500Name("CN=localhost"),
                        pair.getPublic())
                    .addExtension(
                        Extension.subjectAlternativeName,
                        false,
                        new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
                    .build(
                        new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    material = new TlsMaterial(List.of(certificate), pair.getPrivate());
  }

  @AfterAll
  static void stop() {
    loops.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void hybridOnlyClientCompletesTheHandshake(TlsProvider provider) throws Exception {
    SslContext context =
        ServerSslContexts.build(material, provider, TlsGroups.parse(TlsGroups.DEFAULT, "default"));
    CompletableFuture<String> negotiated = new CompletableFuture<>();
    Channel server =
        new ServerBootstrap()
            .group(loops)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(context.newHandler(ch.alloc()), new Record(negotiated));
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
    try (Socket plain =
            new Socket("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort());
        SSLSocket tls =
            new BcTlsClient(material.leaf()).handshake(plain, "X25519MLKEM768", "secp256r1")) {
      assertThat(tls.getSession().getProtocol()).isEqualTo("TLSv1.3");
      assertThat(negotiated.get(30, TimeUnit.SECONDS))
          .startsWith("TLSv1.3 with cipher TLS_")
          .endsWith(" group X25519MLKEM768");
    } finally {
      server.close().syncUninterruptibly();
    }
  }

  /** What the server's engine says it negotiated, through {@link TlsSessionInfo}. */
  private static final class Record extends ChannelInboundHandlerAdapter {
    private final CompletableFuture<String> negotiated;

    Record(CompletableFuture<String> negotiated) {
      this.negotiated = negotiated;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof SslHandshakeCompletionEvent done) {
        if (done.isSuccess()) {
          negotiated.complete(
              TlsSessionInfo.describe(ctx.pipeline().get(SslHandler.class).engine()));
        } else {
          negotiated.completeExceptionally(done.cause());
        }
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
