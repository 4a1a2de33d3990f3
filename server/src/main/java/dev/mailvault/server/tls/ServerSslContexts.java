package dev.mailvault.server.tls;

import dev.mailvault.server.config.ConfigException;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Builds the Netty server {@link SslContext} every listener shares: TLS 1.3 and 1.2 only, forward
 * secret AEAD suites only (ADR 0072), on OpenSSL (BoringSSL) when its native library loads and the
 * JDK's provider otherwise.
 */
final class ServerSslContexts {

  /** RFC 8996 deprecates TLS 1.0 and 1.1; nothing older than 1.2 is offered. */
  static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /**
   * The TLS 1.3 suites (RFC 8446 §9.1), then ECDHE with AES-GCM or ChaCha20-Poly1305 for TLS 1.2
   * (RFC 8422, RFC 7905), in the order of the Mozilla "intermediate" profile. No CBC, no RSA key
   * exchange, no finite-field DHE (BoringSSL has none, and every client of this decade has ECDHE).
   */
  static final List<String> CIPHERS =
      List.of(
          "TLS_AES_128_GCM_SHA256",
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private ServerSslContexts() {}

  /** OpenSSL when netty-tcnative's native library loads on this platform, else the JDK. */
  static SslProvider preferredProvider() {
    return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
  }

  static SslContext build(TlsMaterial material, SslProvider provider) throws ConfigException {
    try {
      return SslContextBuilder.forServer(
              material.key(), material.chain().toArray(X509Certificate[]::new))
          .sslProvider(provider)
          .protocols(PROTOCOLS)
          .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
          .build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new ConfigException("the TLS certificate and key cannot be used: " + firstLine(e));
    }
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
