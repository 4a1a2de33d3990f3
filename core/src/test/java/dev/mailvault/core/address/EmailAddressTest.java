package dev.mailvault.core.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

  @Test
  void parsesAndKeepsTheLocalPartAsGiven() throws Exception {
    EmailAddress a = EmailAddress.parse("Hello.World@Example.COM");
    assertThat(a.localPart()).isEqualTo("Hello.World");
    assertThat(a.domain().value()).isEqualTo("example.com");
    assertThat(a).hasToString("Hello.World@example.com");
    assertThat(a.canonical()).isEqualTo("hello.world@example.com");
  }

  @Test
  void comparesCaseInsensitively() throws Exception {
    EmailAddress a = EmailAddress.parse("Hello@example.com");
    EmailAddress b = EmailAddress.parse("hELLO@EXAMPLE.com");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(EmailAddress.parse("hello2@example.com"));
  }

  @Test
  void acceptsEveryAtextSpecialAndUtf8LocalParts() throws Exception {
    assertThat(EmailAddress.parse("a!#$%&'*+-/=?^_`{|}~z@example.com").localPart())
        .isEqualTo("a!#$%&'*+-/=?^_`{|}~z");
    assertThat(EmailAddress.parse("Jörg@example.com").canonical()).isEqualTo("jörg@example.com");
  }

  @Test
  void aQuotedOrdinaryLocalPartIsTheSameAddress() throws Exception {
    assertThat(EmailAddress.parse("\"hello\"@example.com"))
        .isEqualTo(EmailAddress.parse("hello@example.com"))
        .hasToString("hello@example.com");
    assertThat(EmailAddress.parse("\"he\\llo\"@example.com").localPart()).isEqualTo("hello");
  }

  @Test
  void internationalizedDomainsBecomeALabels() throws Exception {
    EmailAddress a = EmailAddress.parse("info@Bücher.example");
    assertThat(a.domain().value()).isEqualTo("xn--bcher-kva.example");
    assertThat(a.domain().unicode()).isEqualTo("bücher.example");
    assertThat(a).isEqualTo(EmailAddress.parse("info@xn--bcher-kva.example"));
  }

  @ParameterizedTest
  @CsvSource({
    "hello+news@example.com, hello@example.com, news",
    "hello+a+b@example.com, hello@example.com, a+b",
    "hello@example.com, hello@example.com, ",
    "+news@example.com, +news@example.com, "
  })
  void stripsASubAddressTag(String input, String base, String tag) throws Exception {
    EmailAddress a = EmailAddress.parse(input);
    assertThat(a.withoutTag('+')).hasToString(base);
    assertThat(a.tag('+').orElse(null)).isEqualTo(tag);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''| invalid address: it is empty",
        "hello| invalid address: it has no @",
        "@example.com| invalid address: the part before @ is missing",
        "hello@| invalid address: the domain after @ is missing",
        "a@b@example.com| invalid address: it has more than one @",
        "hello world@example.com| invalid address: it contains a space or control character",
        "hello\tx@example.com| invalid address: it contains a space or control character",
        ".hello@example.com| invalid address: the part before @ has a dot at its start, its end or"
            + " twice in a row",
        "hel..lo@example.com| invalid address: the part before @ has a dot at its start, its end or"
            + " twice in a row",
        "hel(lo)@example.com| invalid address: the part before @ contains a character that needs"
            + " quoting",
        "\"hello world\"@example.com| invalid address: it contains a space or control character",
        "\"a,b\"@example.com| invalid address: local parts that need quotes are not supported",
        "\"hello@example.com| invalid address: a quote is not closed",
        "hello@exa mple.com| invalid domain: it contains a space or control character",
        "hello@[192.0.2.1]| invalid domain: address literals are not supported",
        "hello@example..com| invalid domain: it has an empty label (two dots in a row?)",
        "hello@example.com.| invalid domain: it must not end with a dot",
        "hello@-example.com| invalid domain: a label starts or ends with a hyphen",
        "hello@exa_mple.com| invalid domain: only letters, digits, hyphens and dots are allowed",
        "hello@192.0.2.1| invalid domain: the last label must not be all digits"
      })
  void rejectsMalformedInputWithAReadableMessage(String input, String message) {
    assertThatThrownBy(() -> EmailAddress.parse(input))
        .isInstanceOf(InvalidAddressException.class)
        .hasMessage(message);
  }

  @Test
  void rejectsAControlCharacterInTheDomain() {
    assertThatThrownBy(() -> EmailAddress.parse("hello@exam\u0000ple.com"))
        .isInstanceOf(InvalidAddressException.class);
  }

  @Test
  void enforcesRfc5321LengthLimits() throws Exception {
    String local64 = "a".repeat(64);
    assertThat(EmailAddress.parse(local64 + "@example.com").localPart()).hasSize(64);
    assertThatThrownBy(() -> EmailAddress.parse(local64 + "a@example.com"))
        .hasMessage("invalid address: the part before @ is longer than 64 octets");
    // 64 octets of UTF-8 is fewer than 64 characters: ö is two octets.
    assertThatThrownBy(() -> EmailAddress.parse("ö".repeat(33) + "@example.com"))
        .isInstanceOf(InvalidAddressException.class);

    String label = "b".repeat(63);
    String domain = label + "." + label + "." + "c".repeat(61); // 189 characters
    assertThat(EmailAddress.parse(local64 + "@" + domain).toString()).hasSize(254);
    assertThatThrownBy(() -> EmailAddress.parse(local64 + "@x." + domain))
        .hasMessage("invalid address: longer than 254 octets");
  }

  @Test
  void messagesNeverRepeatTheInput() {
    assertThatThrownBy(() -> EmailAddress.parse("secret.person@exa mple.com"))
        .message()
        .doesNotContain("secret")
        .doesNotContain("exa");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a@b.co", "x@localhost", "first.last@sub.example.org", "1@2.example"})
  void acceptsOrdinaryAddresses(String input) throws Exception {
    assertThat(EmailAddress.parse(input)).hasToString(input);
  }
}
