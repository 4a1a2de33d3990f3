package dev.mailvault.core.sort;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 5256 §2.1 base subject extraction, a case for each rule of its grammar (§5). */
class BaseSubjectTest {

  @ParameterizedTest(name = "[{index}] \"{0}\" -> \"{1}\" reply={2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        // (1) white space collapsed; the collation maps case (RFC 5051 / i;ascii-casemap)
        "Hello  World|HELLO WORLD|false",
        "'hello\tworld'|HELLO WORLD|false",
        // (2) subj-trailer: "(fwd)" and white space at the end, repeatedly
        "hello (fwd)|HELLO|true",
        "hello (fwd) (FWD)  |HELLO|true",
        // (3) subj-refwd, with optional blobs before it and inside it
        "Re: hello|HELLO|true",
        "RE: Re: re: hello|HELLO|true",
        "Fw: hello|HELLO|true",
        "Fwd: hello|HELLO|true",
        "Re[2]: hello|HELLO|true",
        "Re [2] : hello|HELLO|true",
        "[list] Re: hello|HELLO|true",
        "Re: [list] Re: hello|HELLO|true",
        // not a subj-refwd: no colon, or a word that only begins with "re"
        "Reply needed|REPLY NEEDED|false",
        "Regarding: hello|REGARDING: HELLO|false",
        // (4) a leading blob goes when something is left after it
        "[list] hello|HELLO|false",
        "[a][b] hello|HELLO|false",
        "[list]|[LIST]|false",
        "[list] [other]|[OTHER]|false",
        // (5) the "[fwd: ...]" wrapper, and what it wraps
        "[Fwd: hello]|HELLO|true",
        "[fwd: Re: hello (fwd)]|HELLO|true",
        // nothing left
        "''|''|false",
        "'   '|''|false",
        "Re:|''|true",
      })
  void extractsTheBaseSubject(String subject, String base, boolean reply) {
    BaseSubject extracted = BaseSubject.of(subject);
    assertThat(extracted.text()).isEqualTo(base);
    assertThat(extracted.replyOrForward()).isEqualTo(reply);
  }

  @ParameterizedTest
  @CsvSource({"Äpfel,äpfel", "STRASSE,strasse", "ﬁle,FILE", "Ǆ,ǆ"})
  void unicodeCaseVariantsHaveOneBaseSubject(String a, String b) {
    assertThat(BaseSubject.of(a).text()).isEqualTo(BaseSubject.of(b).text());
  }

  @org.junit.jupiter.api.Test
  void canonicalFormsCompareByCodePoint() {
    // U+FF21 (fullwidth A) decomposes to A; U+1F600 is beyond the BMP and above every BMP letter.
    assertThat(UnicodeCasemap.canonical("ａ")).isEqualTo("A");
    assertThat(UnicodeCasemap.compare("\uFFFD", "\uD83D\uDE00")).isNegative();
    assertThat(UnicodeCasemap.compare("AB", "A")).isPositive();
    assertThat(UnicodeCasemap.compare("A", "A")).isZero();
  }
}
