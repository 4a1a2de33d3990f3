package dev.mailvault.server.tls;

import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import io.netty.handler.ssl.OpenSsl;
import java.util.Locale;

/**
 * Who does the TLS (ADR 0196): BoringSSL through netty-tcnative where its native library loads,
 * else Bouncy Castle's JSSE. Both offer the hybrid group X25519MLKEM768; the JDK 17 provider does
 * not, so it is never used for listeners.
 */
enum TlsProvider {
  BORINGSSL("BoringSSL"),
  BOUNCY_CASTLE("Bouncy Castle JSSE");

  private final String displayName;

  TlsProvider(String displayName) {
    this.displayName = displayName;
  }

  /** BoringSSL when netty-tcnative's native library loads on this platform. */
  static TlsProvider preferred() {
    return OpenSsl.isAvailable() ? BORINGSSL : BOUNCY_CASTLE;
  }

  /**
   * The provider {@code tls.provider} names: {@code auto}, {@code boringssl} or {@code
   * bouncycastle}.
   */
  static TlsProvider chosen(Settings settings) throws ConfigException {
    String raw = settings.get(Setting.TLS_PROVIDER).trim().toLowerCase(Locale.ROOT);
    switch (raw) {
      case "auto":
        return preferred();
      case "bouncycastle":
        return BOUNCY_CASTLE;
      case "boringssl":
        if (!OpenSsl.isAvailable()) {
          throw new ConfigException(
              settings.origin(Setting.TLS_PROVIDER)
                  + " is boringssl, but netty-tcnative's native library does not load here: "
                  + OpenSsl.unavailabilityCause());
        }
        return BORINGSSL;
      default:
        throw new ConfigException(
            settings.origin(Setting.TLS_PROVIDER)
                + " must be auto, boringssl or bouncycastle, not '"
                + raw
                + "'");
    }
  }

  @Override
  public String toString() {
    return displayName;
  }
}
