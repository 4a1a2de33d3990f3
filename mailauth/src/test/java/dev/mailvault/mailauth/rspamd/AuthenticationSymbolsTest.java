package dev.mailvault.mailauth.rspamd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.mailauth.dkim.DkimResult;
import dev.mailvault.mailauth.dkim.DkimStatus;
import dev.mailvault.mailauth.dmarc.DmarcPolicy;
import dev.mailvault.mailauth.dmarc.DmarcResult;
import dev.mailvault.mailauth.dmarc.DmarcStatus;
import dev.mailvault.mailauth.spf.SpfResult;
import dev.mailvault.mailauth.spf.SpfStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthenticationSymbolsTest {

  private static final DmarcResult DMARC_PASS =
      new DmarcResult(DmarcStatus.PASS, "example.org", DmarcPolicy.REJECT, "aligned");
  private static final SpfResult SPF_PASS = new SpfResult(SpfStatus.PASS, "example.org", "ip4");

  private static DkimResult dkim(DkimStatus status, String domain) {
    return new DkimResult(status, domain, "sel", "rsa-sha256", "reason", "abcdefgh");
  }

  private static List<String> names(List<RspamdSymbol> symbols) {
    return symbols.stream().map(RspamdSymbol::name).toList();
  }

  @ParameterizedTest
  @CsvSource({
    "PASS, R_SPF_ALLOW",
    "FAIL, R_SPF_FAIL",
    "SOFTFAIL, R_SPF_SOFTFAIL",
    "NEUTRAL, R_SPF_NEUTRAL",
    "NONE, R_SPF_NA",
    "TEMPERROR, R_SPF_DNSFAIL",
    "PERMERROR, R_SPF_PERMFAIL"
  })
  void spf(SpfStatus status, String symbol) {
    List<RspamdSymbol> symbols =
        AuthenticationSymbols.of(new SpfResult(status, "example.org", "r"), List.of(), DMARC_PASS);

    assertThat(symbols.get(0)).isEqualTo(new RspamdSymbol(symbol, 1.0, List.of("example.org")));
  }

  @ParameterizedTest
  @CsvSource({
    "PASS, R_DKIM_ALLOW, example.org:+",
    "FAIL, R_DKIM_REJECT, example.org:-",
    "TEMPERROR, R_DKIM_TEMPFAIL, example.org:?",
    "PERMERROR, R_DKIM_PERMFAIL, example.org:~"
  })
  void dkim(DkimStatus status, String symbol, String option) {
    List<RspamdSymbol> symbols =
        AuthenticationSymbols.of(SPF_PASS, List.of(dkim(status, "example.org")), DMARC_PASS);

    assertThat(symbols.get(1)).isEqualTo(new RspamdSymbol(symbol, 1.0, List.of(option)));
  }

  @Test
  void oneDkimSymbolPerSignatureAndNaWithoutAnyJudged() {
    assertThat(
            names(
                AuthenticationSymbols.of(
                    SPF_PASS,
                    List.of(dkim(DkimStatus.PASS, "a.example"), dkim(DkimStatus.FAIL, "b.example")),
                    DMARC_PASS)))
        .containsExactly("R_SPF_ALLOW", "R_DKIM_ALLOW", "R_DKIM_REJECT", "DMARC_POLICY_ALLOW");
    assertThat(names(AuthenticationSymbols.of(SPF_PASS, List.of(), DMARC_PASS)))
        .containsExactly("R_SPF_ALLOW", "R_DKIM_NA", "DMARC_POLICY_ALLOW");
    assertThat(
            names(
                AuthenticationSymbols.of(
                    SPF_PASS,
                    List.of(dkim(DkimStatus.POLICY, "a.example"), dkim(DkimStatus.NEUTRAL, "")),
                    DMARC_PASS)))
        .containsExactly("R_SPF_ALLOW", "R_DKIM_NA", "DMARC_POLICY_ALLOW");
  }

  @ParameterizedTest
  @CsvSource({
    "PASS, REJECT, DMARC_POLICY_ALLOW",
    "FAIL, REJECT, DMARC_POLICY_REJECT",
    "FAIL, QUARANTINE, DMARC_POLICY_QUARANTINE",
    "FAIL, NONE, DMARC_POLICY_SOFTFAIL",
    "NONE, NONE, DMARC_NA",
    "TEMPERROR, NONE, DMARC_DNSFAIL",
    "PERMERROR, NONE, DMARC_BAD_POLICY"
  })
  void dmarc(DmarcStatus status, DmarcPolicy policy, String symbol) {
    List<RspamdSymbol> symbols =
        AuthenticationSymbols.of(
            SPF_PASS, List.of(), new DmarcResult(status, "example.org", policy, "r"));

    assertThat(symbols.get(2))
        .isEqualTo(new RspamdSymbol(symbol, 1.0, List.of("example.org", policy.token())));
  }

  @Test
  void emptyDomainsGiveNoOptions() {
    List<RspamdSymbol> symbols =
        AuthenticationSymbols.of(
            new SpfResult(SpfStatus.NONE, "", "r"),
            List.of(dkim(DkimStatus.PERMERROR, "")),
            new DmarcResult(DmarcStatus.NONE, "", DmarcPolicy.NONE, "r"));

    assertThat(symbols).allSatisfy(symbol -> assertThat(symbol.options()).isEmpty());
  }

  @Test
  void everyNameIsOneRspamdKnows() throws Exception {
    // Scores of the SPF and DKIM symbols, and the DMARC module's own names.
    Path scores = Path.of("/etc/rspamd/scores.d/policies_group.conf");
    Path dmarcModule = Path.of("/usr/share/rspamd/lualib/plugins/dmarc.lua");
    assumeTrue(
        Files.isReadable(scores) && Files.isReadable(dmarcModule),
        "rspamd not installed (Debian package rspamd)");
    String config = Files.readString(scores) + Files.readString(dmarcModule).replace('\'', '"');
    List<String> all = new ArrayList<>();
    for (SpfStatus spf : SpfStatus.values()) {
      all.add(AuthenticationSymbols.spfSymbol(new SpfResult(spf, "", "")));
    }
    for (DkimStatus dkim : DkimStatus.values()) {
      String name = AuthenticationSymbols.dkimSymbol(dkim(dkim, ""));
      if (name != null) {
        all.add(name);
      }
    }
    for (DmarcStatus dmarc : DmarcStatus.values()) {
      for (DmarcPolicy policy : DmarcPolicy.values()) {
        all.add(AuthenticationSymbols.dmarcSymbol(new DmarcResult(dmarc, "", policy, "")));
      }
    }
    all.add("R_DKIM_NA");

    for (String name : all) {
      assertThat(config).as(name).contains("\"" + name + "\"");
    }
  }
}
