package dev.mailvault.server.tls;

import dev.mailvault.server.config.ConfigException;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * Builds the Netty server {@link SslContext} every listener shares: TLS 1.3 and 1.2 only, forward
 * secret AEAD suites only (ADR 0072), the key exchange groups of {@code tls.groups} (ADR 0196), on
 * BoringSSL when its native library loads and Bouncy Castle's JSSE otherwise.
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

  /**
   * One provider for the whole process: its crypto is Bouncy Castle's own provider instance, not
   * registered JVM-wide, so nothing else in the process changes provider.
   */
  private static final class BouncyCastle {
    static final Provider JSSE = new BouncyCastleJsseProvider(new BouncyCastleProvider());
  }

  private ServerSslContexts() {}

  /**
   * A context offering TLS 1.3 and 1.2 with {@code groups} in that order of preference.
   *
   * @throws ConfigException when the key or certificate cannot be used
   */
  static SslContext build(TlsMaterial material, TlsProvider provider, TlsGroups groups)
      throws ConfigException {
    try {
      SslContextBuilder builder =
          SslContextBuilder.forServer(
                  material.key(), material.chain().toArray(X509Certificate[]::new))
              .protocols(PROTOCOLS)
              .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE);
      return switch (provider) {
        case BORINGSSL ->
            builder
                .sslProvider(SslProvider.OPENSSL)
                .option(OpenSslContextOption.GROUPS, groups.forBoringSsl())
                .build();
        case BOUNCY_CASTLE ->
            new BouncyCastleSslContext(
                builder
                    .sslProvider(SslProvider.JDK)
                    .sslContextProvider(BouncyCastle.JSSE)
                    .keyManager(keyManagers(material))
                    .build(),
                groups);
      };
    } catch (SSLException | GeneralSecurityException | IllegalArgumentException e) {
      throw new ConfigException("the TLS certificate and key cannot be used: " + firstLine(e));
    }
  }

  /**
   * Whether {@code provider} can offer {@code group}. BoringSSL refuses an unknown group when a
   * context is built (UNSUPPORTED_ELLIPTIC_CURVE), so a throwaway client context answers; Bouncy
   * Castle 1.84 knows every group {@link TlsGroups} does.
   */
  static boolean supports(TlsProvider provider, TlsGroups.Group group) {
    if (provider == TlsProvider.BOUNCY_CASTLE) {
      return true;
    }
    try {
      SslContextBuilder.forClient()
          .sslProvider(SslProvider.OPENSSL)
          .option(OpenSslContextOption.GROUPS, new TlsGroups(List.of(group)).forBoringSsl())
          .build();
      return true;
    } catch (SSLException | RuntimeException e) {
      return false;
    }
  }

  /** Bouncy Castle's own key manager, so key selection stays in the provider that does the TLS. */
  private static KeyManagerFactory keyManagers(TlsMaterial material)
      throws GeneralSecurityException {
    char[] password = new char[0];
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (java.io.IOException e) {
      throw new KeyStoreException("cannot create an in-memory key store", e);
    }
    store.setKeyEntry(
        "server", material.key(), password, material.chain().toArray(X509Certificate[]::new));
    KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX", BouncyCastle.JSSE);
    factory.init(store, password);
    return factory;
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
