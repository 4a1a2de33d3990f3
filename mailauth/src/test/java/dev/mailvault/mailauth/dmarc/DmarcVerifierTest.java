package dev.mailvault.mailauth.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.mailauth.spf.SpfResult;
import dev.mailvault.mailauth.spf.SpfStatus;
import dev.mailvault.mailauth.testing.DnsmasqZone;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cases the comparison table cannot share with authheaders. */
class DmarcVerifierTest {

  @TempDir static Path work;
  private static DnsmasqZone zone;
  private static DmarcVerifier dmarc;
  private static final SpfResult SPF_PASS = new SpfResult(SpfStatus.PASS, "pass.test", "");

  @BeforeAll
  static void startZone() throws Exception {
    zone =
        new DnsmasqZone()
            .txt("_dmarc.rej.test", "v=DMARC1; p=reject")
            .txt("_dmarc.quar.test", "v=DMARC1; p=quarantine")
            .txt("_dmarc.twice.test", "v=DMARC1; p=reject")
            .txt("_dmarc.twice.test", "v=DMARC1; p=none")
            .txt("_dmarc.nop.test", "v=DMARC1; rua=mailto:x@nop.test")
            .start(work);
    dmarc = new DmarcVerifier(zone.client(), new OrganizationalDomain(work.resolve("none")));
  }

  @AfterAll
  static void stopZone() throws Exception {
    zone.close();
  }

  private static byte[] message(String headers) {
    return (headers + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void aDnsFailureIsATemperror() {
    // authheaders turns REFUSED into "no record"; RFC 7489 §6.6.3 wants the message deferred.
    DmarcResult result = dmarc.check(message("From: a@elsewhere.example"), SPF_PASS, List.of());
    assertThat(result.status()).isEqualTo(DmarcStatus.TEMPERROR);
    assertThat(result.disposition()).isEqualTo(DmarcPolicy.NONE);
  }

  @Test
  void withoutAFromAddressThereIsNoPolicy() {
    assertThat(dmarc.check(message("Subject: x"), SPF_PASS, List.of()).status())
        .isEqualTo(DmarcStatus.PERMERROR);
    assertThat(dmarc.check(message("From: undisclosed"), SPF_PASS, List.of()).status())
        .isEqualTo(DmarcStatus.PERMERROR);
  }

  @Test
  void severalFromDomainsGetTheStrictestFailingPolicy() {
    DmarcResult result =
        dmarc.check(
            message("From: \"Q, R\" <a@quar.test>, b@rej.test (c@x.test)"), SPF_PASS, List.of());
    assertThat(result.fromDomain()).isEqualTo("rej.test");
    assertThat(result.disposition()).isEqualTo(DmarcPolicy.REJECT);
  }

  @Test
  void twoRecordsOrNoPolicyAreNoRecord() {
    assertThat(dmarc.check(message("From: a@twice.test"), SPF_PASS, List.of()).status())
        .isEqualTo(DmarcStatus.NONE);
    assertThat(dmarc.check(message("From: a@nop.test"), SPF_PASS, List.of()).status())
        .isEqualTo(DmarcStatus.NONE);
  }
}
