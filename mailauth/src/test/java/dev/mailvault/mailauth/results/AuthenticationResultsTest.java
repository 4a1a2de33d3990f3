package dev.mailvault.mailauth.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.mailauth.dkim.DkimResult;
import dev.mailvault.mailauth.dkim.DkimStatus;
import dev.mailvault.mailauth.dmarc.DmarcPolicy;
import dev.mailvault.mailauth.dmarc.DmarcResult;
import dev.mailvault.mailauth.dmarc.DmarcStatus;
import dev.mailvault.mailauth.spf.SpfResult;
import dev.mailvault.mailauth.spf.SpfStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthenticationResultsTest {

  @Test
  void writesOneFoldedResultPerMethod() {
    String field =
        AuthenticationResults.format(
            "mx.mailvault.test",
            new SpfResult(SpfStatus.PASS, "example.test", "ip4 matched"),
            List.of(
                new DkimResult(
                    DkimStatus.PASS, "example.test", "s1", "ed25519-sha256", "", "ab/cd+ef")),
            new DmarcResult(DmarcStatus.PASS, "example.test", DmarcPolicy.REJECT, "SPF aligned"));
    assertThat(field)
        .isEqualTo(
            "Authentication-Results: mx.mailvault.test;\r\n"
                + "\tspf=pass smtp.mailfrom=example.test;\r\n"
                + "\tdkim=pass header.d=example.test header.s=s1 header.b=\"ab/cd+ef\";\r\n"
                + "\tdmarc=pass (p=reject) header.from=example.test");
  }

  @Test
  void saysDkimNoneWithoutSignatures() {
    String field =
        AuthenticationResults.format(
            "mx.test",
            new SpfResult(SpfStatus.NONE, "example.test", "no SPF record"),
            List.of(),
            new DmarcResult(DmarcStatus.NONE, "example.test", DmarcPolicy.NONE, ""));
    assertThat(field).contains("\tdkim=none;\r\n").contains("dmarc=none header.from=example.test");
  }

  @Test
  void stripsOnlyFieldsClaimingOurAuthservId() {
    String message =
        "Authentication-Results: (forged) MX.Mailvault.TEST;\r\n\tspf=pass smtp.mailfrom=x.test\r\n"
            + "Received: from x\r\n"
            + "Authentication-Results: other.test; dkim=pass header.d=x.test\r\n"
            + "authentication-results: mx.mailvault.test 1; none\r\n"
            + "Subject: Authentication-Results: mx.mailvault.test\r\n"
            + "\r\n"
            + "Authentication-Results: mx.mailvault.test; body stays\r\n";
    String stripped =
        new String(
            AuthenticationResults.stripOwn(
                message.getBytes(StandardCharsets.US_ASCII), "mx.mailvault.test"),
            StandardCharsets.US_ASCII);
    assertThat(stripped)
        .isEqualTo(
            "Received: from x\r\n"
                + "Authentication-Results: other.test; dkim=pass header.d=x.test\r\n"
                + "Subject: Authentication-Results: mx.mailvault.test\r\n"
                + "\r\n"
                + "Authentication-Results: mx.mailvault.test; body stays\r\n");
  }

  @Test
  void returnsTheSameBytesWhenNothingIsOurs() {
    byte[] message = "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(AuthenticationResults.stripOwn(message, "mx.test")).isSameAs(message);
  }
}
