package dev.mailvault.mailauth.rspamd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RspamdProtocolTest {

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @CsvSource({
    "no action, NO_ACTION",
    "greylist, GREYLIST",
    "add header, ADD_HEADER",
    "rewrite subject, REWRITE_SUBJECT",
    "soft reject, SOFT_REJECT",
    "reject, REJECT",
    "discard, DISCARD",
    "quarantine, QUARANTINE",
    "Add Header, ADD_HEADER",
    "my custom action, NO_ACTION",
    "'', NO_ACTION"
  })
  void actionsParseByRspamdsNames(String name, RspamdAction action) {
    assertThat(RspamdAction.parse(name)).isEqualTo(action);
  }

  @Test
  void aVerdictIsRead() throws Exception {
    RspamdVerdict verdict =
        RspamdProtocol.verdict(
            json(
                "{\"is_skipped\":false,\"score\":16.5,\"required_score\":15.0,"
                    + "\"action\":\"reject\",\"symbols\":{\"GTUBE\":{\"name\":\"GTUBE\","
                    + "\"score\":0.0,\"metric_score\":0.0},\"R_SPF_ALLOW\":{\"name\":\"R_SPF_ALLOW\","
                    + "\"score\":-0.2,\"options\":[\"example.org\"]}},"
                    + "\"messages\":{\"smtp_message\":\"Gtube pattern\"},\"subject\":\"[SPAM] hi\"}"));

    assertThat(verdict.action()).isEqualTo(RspamdAction.REJECT);
    assertThat(verdict.score()).isEqualTo(16.5);
    assertThat(verdict.requiredScore()).isEqualTo(15.0);
    assertThat(verdict.symbols())
        .containsExactly(
            new RspamdSymbol("GTUBE", 0.0, List.of()),
            new RspamdSymbol("R_SPF_ALLOW", -0.2, List.of("example.org")));
    assertThat(verdict.message()).contains("Gtube pattern");
    assertThat(verdict.subject()).contains("[SPAM] hi");
    assertThat(verdict.isSpam()).isTrue();
  }

  @Test
  void anUnusableAnswerIsAnExceptionThatQuotesNothing() {
    assertThatThrownBy(() -> RspamdProtocol.verdict(json("<html>secret@example.org</html>")))
        .isInstanceOf(RspamdException.class)
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> RspamdProtocol.verdict(json("{\"symbols\":{}}")))
        .isInstanceOf(RspamdException.class);
    assertThatThrownBy(() -> RspamdProtocol.verdict(new byte[0]))
        .isInstanceOf(RspamdException.class);
  }

  @Test
  void learnAnswers() throws Exception {
    assertThat(RspamdProtocol.learnOutcome(json("{\"success\":true}")))
        .isEqualTo(LearnOutcome.LEARNED);
    assertThat(
            RspamdProtocol.learnOutcome(
                json("{\"error\":\"<x@example.org> has been already learned as spam\"}")))
        .isEqualTo(LearnOutcome.REFUSED);
    assertThatThrownBy(() -> RspamdProtocol.learnOutcome(json("{}")))
        .isInstanceOf(RspamdException.class);
  }

  @Test
  void scanHeadersCarryTheEnvelopeAndOurResults() throws Exception {
    RspamdScan scan =
        new RspamdScan(
            InetAddress.getByName("2001:db8::1"),
            "mail.example.org",
            "",
            List.of("a@example.com", "b@bücher.example"),
            "Q7",
            "mx.example.com",
            Optional.of("TLSv1.3 TLS_AES_256_GCM_SHA384"),
            Optional.of("v-42"),
            List.of(new RspamdSymbol("R_SPF_ALLOW", 1.0, List.of("example.org"))));

    List<Map.Entry<String, String>> headers = RspamdProtocol.scanHeaders(scan);

    assertThat(headers)
        .containsExactly(
            Map.entry("IP", "2001:db8:0:0:0:0:0:1"),
            Map.entry("Helo", "mail.example.org"),
            Map.entry("From", "<>"),
            Map.entry("Rcpt", "a@example.com"),
            Map.entry("Rcpt", "b@xn--bcher-kva.example"),
            Map.entry("Queue-Id", "Q7"),
            Map.entry("MTA-Name", "mx.example.com"),
            Map.entry("TLS-Version", "TLSv1.3"),
            Map.entry("TLS-Cipher", "TLS_AES_256_GCM_SHA384"),
            Map.entry("Deliver-To", "v-42"),
            headers.get(10));
    JsonNode settings = new ObjectMapper().readTree(headers.get(10).getValue());
    assertThat(headers.get(10).getKey()).isEqualTo("Settings");
    assertThat(settings.path("symbols_disabled").toString())
        .isEqualTo("[\"SPF_CHECK\",\"DKIM_CHECK\",\"DMARC_CALLBACK\"]");
    assertThat(settings.path("symbols").path("R_SPF_ALLOW").toString())
        .isEqualTo("{\"score\":1.0,\"options\":[\"example.org\"]}");
  }

  @Test
  void headerValuesAreOneLine() {
    assertThat(RspamdProtocol.headerValue("a\r\nInjected: 1\u0000\u007f"))
        .isEqualTo("aInjected: 1");
    // C1 controls too; the client writes what is left as UTF-8.
    assertThat(RspamdProtocol.headerValue("zoë\u0085")).isEqualTo("zoë");
    assertThat(RspamdProtocol.address("zoe@bücher.example")).isEqualTo("zoe@xn--bcher-kva.example");
    // rspamd 3.4 calls any UTF-8 envelope address broken: such an address is not sent.
    assertThat(RspamdProtocol.address("zoë@bücher.example")).isEmpty();
    assertThat(RspamdProtocol.address("a@[192.0.2.1]")).isEqualTo("a@[192.0.2.1]");
  }

  @Test
  void optionsWithQuotesAndLineBreaksStayInsideTheSettingsJson() throws Exception {
    String settings =
        RspamdProtocol.settings(
            List.of(new RspamdSymbol("R_SPF_ALLOW", 1.0, List.of("a\"}\r\n,\"x\":{"))));

    assertThat(settings).doesNotContain("\r", "\n");
    assertThat(
            new ObjectMapper()
                .readTree(settings)
                .path("symbols")
                .path("R_SPF_ALLOW")
                .path("options")
                .get(0)
                .asText())
        .isEqualTo("a\"}\r\n,\"x\":{");
  }
}
