package dev.mailvault.core.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DomainNameTest {

  @Test
  void lowerCasesAscii() throws Exception {
    assertThat(DomainName.parse("Mail.Example.COM").value()).isEqualTo("mail.example.com");
    assertThat(DomainName.parse("example.com")).isEqualTo(DomainName.parse("EXAMPLE.com"));
  }

  @Test
  void convertsULabelsToALabels() throws Exception {
    assertThat(DomainName.parse("münchen.example").value()).isEqualTo("xn--mnchen-3ya.example");
    assertThat(DomainName.parse("MÜNCHEN.example").value()).isEqualTo("xn--mnchen-3ya.example");
    assertThat(DomainName.parse("XN--MNCHEN-3YA.example").unicode()).isEqualTo("münchen.example");
  }

  @Test
  void refusesCharactersThatIdna2003AndIdna2008MapDifferently() throws Exception {
    assertThatThrownBy(() -> DomainName.parse("straße.example"))
        .isInstanceOf(InvalidAddressException.class)
        .hasMessageContaining("xn--");
    // The IDNA2008 A-label of straße is accepted as given.
    assertThat(DomainName.parse("xn--strae-oqa.example").value())
        .isEqualTo("xn--strae-oqa.example");
  }

  @Test
  void enforcesLabelAndNameLengths() throws Exception {
    String label63 = "a".repeat(63);
    assertThat(DomainName.parse(label63 + ".example").value()).startsWith(label63);
    assertThatThrownBy(() -> DomainName.parse(label63 + "a.example"))
        .hasMessage("invalid domain: a label is longer than 63 characters");
    String name = (label63 + ".").repeat(4) + "com"; // 259 characters
    assertThatThrownBy(() -> DomainName.parse(name))
        .hasMessage("invalid domain: longer than 255 characters");
  }

  @Test
  void rejectsInvalidInternationalizedNames() {
    assertThatThrownBy(() -> DomainName.parse("ex\u2488ample.com"))
        .isInstanceOf(InvalidAddressException.class);
    assertThatThrownBy(() -> DomainName.parse("")).hasMessage("invalid domain: it is empty");
  }
}
