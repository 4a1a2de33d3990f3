package dev.mailvault.mailauth.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The examples of RFC 7208 §7.4, with the sender and addresses it gives. */
class SpfMacrosTest {

  private static SpfMacros macros(String client) throws Exception {
    return new SpfMacros("strong-bad@email.example.com", InetAddress.getByName(client), "mx.test");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "%{s}|strong-bad@email.example.com",
        "%{o}|email.example.com",
        "%{d}|email.example.com",
        "%{d4}|email.example.com",
        "%{d3}|email.example.com",
        "%{d2}|example.com",
        "%{d1}|com",
        "%{dr}|com.example.email",
        "%{d2r}|example.email",
        "%{l}|strong-bad",
        "%{l-}|strong.bad",
        "%{lr}|strong-bad",
        "%{lr-}|bad.strong",
        "%{l1r-}|strong",
        "%{ir}.%{v}._spf.%{d2}|3.2.0.192.in-addr._spf.example.com",
        "%{lr-}.lp._spf.%{d2}|bad.strong.lp._spf.example.com",
        "%{lr-}.lp.%{ir}.%{v}._spf.%{d2}|bad.strong.lp.3.2.0.192.in-addr._spf.example.com",
        "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}|3.2.0.192.in-addr.strong.lp._spf.example.com",
        "%{d2}.trusted-domains.example.net|example.com.trusted-domains.example.net",
        "%{h}%%%_%-|mx.test% %20"
      })
  void expandsTheRfcExamples(String spec, String expanded) throws Exception {
    assertThat(macros("192.0.2.3").expand(spec, "email.example.com")).isEqualTo(expanded);
  }

  @Test
  void expandsAnIpv6ClientAsNibbles() throws Exception {
    assertThat(macros("2001:db8::cb01").expand("%{ir}.%{v}._spf.%{d2}", "email.example.com"))
        .isEqualTo(
            "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com");
  }

  @Test
  void upperCaseLettersAreUrlEscaped() throws Exception {
    assertThat(
            new SpfMacros("a b@x.test", InetAddress.getByName("192.0.2.3"), "h")
                .expand("%{L}", "x.test"))
        .isEqualTo("a%20b");
  }

  @Test
  void refusesWhatTheGrammarDoesNot() throws Exception {
    SpfMacros macros = macros("192.0.2.3");
    assertThatThrownBy(() -> macros.expand("%{c}", "x.test")).isInstanceOf(SpfException.class);
    assertThatThrownBy(() -> macros.expand("%{d0}", "x.test")).isInstanceOf(SpfException.class);
    assertThatThrownBy(() -> macros.expand("%{d", "x.test")).isInstanceOf(SpfException.class);
    assertThatThrownBy(() -> macros.expand("a%b", "x.test")).isInstanceOf(SpfException.class);
  }

  @Test
  void aLongExpansionLosesLabelsOnTheLeft() {
    String name =
        "a".repeat(60)
            + "."
            + "b".repeat(60)
            + "."
            + "c".repeat(60)
            + "."
            + "d".repeat(60)
            + ".example.com";
    assertThat(SpfMacros.truncate(name)).isEqualTo(name.substring(61));
  }
}
