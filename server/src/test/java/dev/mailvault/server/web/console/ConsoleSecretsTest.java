package dev.mailvault.server.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.auth.Totp;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.server.OutboundKeys;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealing TOTP secrets and digesting recovery codes under the console key (ADR 0263). */
class ConsoleSecretsTest {

  @TempDir Path data;

  private OutboundKeys keys(String file) throws Exception {
    return OutboundKeys.openOrCreate(data.resolve(file), data, Optional.empty());
  }

  @Test
  void aSealedSecretOpensForItsAdminOnlyAndOnlyOnItsNode() throws Exception {
    try (OutboundKeys keys = keys("outbound.key");
        OutboundKeys other = keys("other.key")) {
      ConsoleSecrets secrets = new ConsoleSecrets(keys);
      byte[] secret = Totp.newSecret();
      byte[] sealed = secrets.seal("root", secret);
      assertThat(java.util.HexFormat.of().formatHex(sealed))
          .doesNotContain(java.util.HexFormat.of().formatHex(secret));
      assertThat(secrets.open("root", sealed))
          .hasValueSatisfying(s -> assertThat(s).isEqualTo(secret));
      assertThat(secrets.open("ops", sealed)).as("bound to its admin").isEmpty();
      assertThat(new ConsoleSecrets(other).open("root", sealed)).as("another node").isEmpty();
      try (SecretBytes console = keys.consoleKey();
          SecretBytes dkim = keys.dkimKey()) {
        assertThat(console.contentEquals(dkim)).isFalse();
      }
    }
  }

  @Test
  void recoveryCodesAreRandomNormalizedAndDigestedPerAdmin() throws Exception {
    List<String> codes = ConsoleSecrets.newRecoveryCodes(10);
    assertThat(new HashSet<>(codes)).hasSize(10);
    assertThat(codes).allMatch(c -> c.matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){3}"));
    String code = codes.get(0);
    String plain = code.replace("-", "");
    assertThat(ConsoleSecrets.normalizeRecoveryCode(code.toLowerCase())).hasValue(plain);
    assertThat(
            ConsoleSecrets.normalizeRecoveryCode(
                " " + plain.substring(0, 8) + " " + plain.substring(8)))
        .hasValue(plain);
    assertThat(ConsoleSecrets.normalizeRecoveryCode("123456")).isEmpty();
    assertThat(ConsoleSecrets.normalizeRecoveryCode(plain.substring(1) + "1")).isEmpty();
    assertThat(ConsoleSecrets.normalizeRecoveryCode("A".repeat(100))).isEmpty();
    try (OutboundKeys keys = keys("outbound.key")) {
      ConsoleSecrets secrets = new ConsoleSecrets(keys);
      assertThat(secrets.digest("root", plain)).isEqualTo(secrets.digest("root", plain));
      assertThat(secrets.digest("root", plain)).isNotEqualTo(secrets.digest("ops", plain));
      assertThat(secrets.digest("root", plain)).hasSize(32);
    }
  }
}
