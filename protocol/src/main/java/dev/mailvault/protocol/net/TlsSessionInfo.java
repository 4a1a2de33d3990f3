package dev.mailvault.protocol.net;

import io.netty.channel.Channel;
import io.netty.handler.ssl.OpenSslSession;
import io.netty.handler.ssl.SslHandler;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

/**
 * What a connection's TLS negotiated, in one line for a {@code Received} field's TLS clause and the
 * session log: {@code TLSv1.3 with cipher TLS_AES_128_GCM_SHA256 group X25519MLKEM768}.
 *
 * <p>The key exchange group is what says whether the connection resists a later quantum attack on
 * recorded traffic (ADR 0196), and the JSSE API has no method for it: BoringSSL's sessions tell it
 * through Netty's {@link OpenSslSession#getNamedGroup()}, Bouncy Castle's JSSE through its TLS
 * context's security parameters, reached by reflection so that this module needs no Bouncy Castle
 * dependency. A provider that cannot tell leaves the group out.
 */
public final class TlsSessionInfo {

  private TlsSessionInfo() {}

  /** The channel's TLS session, or empty when the channel has no TLS handler. */
  public static Optional<String> describe(Channel channel) {
    SslHandler handler = channel.pipeline().get(SslHandler.class);
    if (handler == null) {
      return Optional.empty();
    }
    return Optional.of(describe(handler.engine()));
  }

  /** Version, cipher and, when the provider tells it, the key exchange group. */
  public static String describe(SSLEngine engine) {
    SSLSession session = engine.getSession();
    String line = session.getProtocol() + " with cipher " + session.getCipherSuite();
    return group(engine).map(g -> line + " group " + g).orElse(line);
  }

  /**
   * The negotiated key exchange group, e.g. {@code X25519MLKEM768}, {@code X25519}, {@code P-256}.
   */
  public static Optional<String> group(SSLEngine engine) {
    SSLSession session = engine.getSession();
    if (session instanceof OpenSslSession openSsl) {
      return Optional.ofNullable(openSsl.getNamedGroup()).map(TlsSessionInfo::canonical);
    }
    return BouncyCastleGroup.of(engine).map(TlsSessionInfo::canonical);
  }

  /**
   * One spelling whatever the provider: BoringSSL says {@code P-256} and {@code X25519}, Bouncy
   * Castle the IANA names {@code secp256r1} and {@code x25519} (RFC 8446 §4.2.7).
   */
  static String canonical(String group) {
    return switch (group.toLowerCase(Locale.ROOT)) {
      case "x25519" -> "X25519";
      case "x448" -> "X448";
      case "secp256r1", "prime256v1", "p-256" -> "P-256";
      case "secp384r1", "p-384" -> "P-384";
      case "secp521r1", "p-521" -> "P-521";
      case "x25519mlkem768" -> "X25519MLKEM768";
      default -> group;
    };
  }

  /**
   * Bouncy Castle JSSE: {@code BCSSLEngine.getConnection()} is public, the connection's {@code
   * TlsContext} is not, its {@code SecurityParameters.getNegotiatedGroup()} is. Any failure
   * (another provider, another Bouncy Castle release) means "cannot tell", never an error.
   */
  private static final class BouncyCastleGroup {

    private static Optional<String> of(SSLEngine engine) {
      try {
        ClassLoader loader = engine.getClass().getClassLoader();
        if (loader == null) {
          return Optional.empty(); // the JDK's own engine
        }
        Class<?> bcEngine = Class.forName("org.bouncycastle.jsse.BCSSLEngine", false, loader);
        if (!bcEngine.isInstance(engine)) {
          return Optional.empty();
        }
        Object connection = bcEngine.getMethod("getConnection").invoke(engine);
        if (connection == null) {
          return Optional.empty();
        }
        Method tlsContextMethod = findDeclared(connection.getClass(), "getTlsContext");
        tlsContextMethod.setAccessible(true);
        Object tlsContext = tlsContextMethod.invoke(connection);
        Class<?> tlsContextType = Class.forName("org.bouncycastle.tls.TlsContext", false, loader);
        Object parameters =
            tlsContextType.getMethod("getSecurityParametersConnection").invoke(tlsContext);
        if (parameters == null) {
          return Optional.empty();
        }
        int group =
            (Integer) parameters.getClass().getMethod("getNegotiatedGroup").invoke(parameters);
        if (group < 0) {
          return Optional.empty();
        }
        Class<?> namedGroup = Class.forName("org.bouncycastle.tls.NamedGroup", false, loader);
        return Optional.ofNullable(
            (String) namedGroup.getMethod("getName", int.class).invoke(null, group));
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        return Optional.empty();
      }
    }

    private static Method findDeclared(Class<?> type, String name) throws NoSuchMethodException {
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        for (Method m : c.getDeclaredMethods()) {
          if (m.getName().equals(name) && m.getParameterCount() == 0) {
            return m;
          }
        }
      }
      throw new NoSuchMethodException(name);
    }
  }
}
