package dev.mailvault.outbound.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RFC 8461 §3.2 policies and §4.1 MX matching. */
class MtaStsPolicyTest {

  @Test
  void parsesTheRfcExample() {
    MtaStsPolicy policy =
        MtaStsPolicy.parse(
                "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\n"
                    + "mx: backupmx.example.com\r\nmax_age: 604800\r\n")
            .orElseThrow();

    assertThat(policy.mode()).isEqualTo(MtaStsPolicy.Mode.ENFORCE);
    assertThat(policy.maxAge()).isEqualTo(Duration.ofDays(7));
    assertThat(policy.allows("mail.example.com")).isTrue();
    assertThat(policy.allows("MX1.example.net.")).isTrue();
    assertThat(policy.allows("a.b.example.net")).isFalse();
    assertThat(policy.allows("example.net")).isFalse();
    assertThat(policy.allows("evil.example.com")).isFalse();
  }

  @Test
  void aPolicyWithoutVersionModeOrMaxAgeIsNone() {
    assertThat(MtaStsPolicy.parse("mode: enforce\nmx: a.test\nmax_age: 1\n")).isEmpty();
    assertThat(MtaStsPolicy.parse("version: STSv1\nmode: strict\nmx: a.test\nmax_age: 1\n"))
        .isEmpty();
    assertThat(MtaStsPolicy.parse("version: STSv1\nmode: enforce\nmx: a.test\n")).isEmpty();
    assertThat(MtaStsPolicy.parse("version: STSv1\nmode: enforce\nmax_age: 1\n")).isEmpty();
  }

  @Test
  void maxAgeIsCappedAtAYear() {
    assertThat(
            MtaStsPolicy.parse("version: STSv1\nmode: none\nmax_age: 9999999999\n")
                .orElseThrow()
                .maxAge())
        .isEqualTo(Duration.ofSeconds(31_557_600));
  }
}
