package dev.mailvault.mailauth.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.mailauth.testing.DnsmasqZone;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** The DNS client against a real dnsmasq zone on loopback. */
class DnsClientTest {

  @TempDir static Path work;
  private static DnsmasqZone zone;

  @BeforeAll
  static void startZone() throws Exception {
    String longText = "v=DKIM1; k=rsa; p=" + "A".repeat(400);
    zone =
        new DnsmasqZone()
            .mx("remote.test", "mx.remote.test", 10)
            .host("mx.remote.test", "127.0.0.2", "::1")
            .txt("remote.test", "v=spf1 -all")
            .txt("long._domainkey.remote.test", longText)
            .nullMx("nomail.test")
            .start(work);
  }

  @AfterAll
  static void stopZone() throws Exception {
    zone.close();
  }

  @Test
  void answersMxAddressesAndTxt() throws Exception {
    DnsClient client = zone.client();
    DnsAnswer mx = client.query("remote.test", Type.MX);
    assertThat(mx.records()).hasSize(1);
    assertThat(((MXRecord) mx.records().get(0)).getTarget().toString())
        .isEqualTo("mx.remote.test.");
    DnsAnswer a = client.query("mx.remote.test", Type.A);
    assertThat(((ARecord) a.records().get(0)).getAddress().getHostAddress()).isEqualTo("127.0.0.2");
    assertThat(client.query("mx.remote.test", Type.AAAA).records()).hasSize(1);
    DnsAnswer txt = client.query("remote.test", Type.TXT);
    assertThat(((TXTRecord) txt.records().get(0)).getStrings()).containsExactly("v=spf1 -all");
  }

  @Test
  void aLongTextArrivesWholeOverTcp() throws Exception {
    DnsAnswer txt = zone.client().query("long._domainkey.remote.test", Type.TXT);
    assertThat(String.join("", ((TXTRecord) txt.records().get(0)).getStrings()))
        .endsWith("A".repeat(400));
  }

  @Test
  void tellsNoSuchNameFromNoAnswer() throws Exception {
    DnsAnswer missing = zone.client().query("missing.test", Type.A);
    assertThat(missing.isEmpty()).isTrue();
    assertThat(missing.nxdomain()).isTrue();
    assertThatThrownBy(() -> zone.client().query("elsewhere.example", Type.A))
        .isInstanceOf(DnsTemporaryException.class);
  }

  @Test
  void servesANullMx() throws Exception {
    MXRecord mx = (MXRecord) zone.client().query("nomail.test", Type.MX).records().get(0);
    assertThat(mx.getPriority()).isZero();
    assertThat(mx.getTarget().toString()).isEqualTo(".");
  }

  @Test
  void refusesAResolverThatIsNoAddress() {
    assertThatThrownBy(() -> DnsClient.of(List.of("dns.example:53")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(DnsClient.parse("[::1]:5353").getPort()).isEqualTo(5353);
    assertThat(DnsClient.parse("127.0.0.1").getPort()).isEqualTo(53);
  }
}
