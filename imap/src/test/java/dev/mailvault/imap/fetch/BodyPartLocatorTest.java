package dev.mailvault.imap.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BodyPartLocatorTest {

  private static final String TEXT =
      "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"Quoted-Printable\" 10 1)";
  private static final String MESSAGE =
      "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 100 (NIL \"s\" NIL NIL NIL NIL NIL NIL NIL NIL)"
          + " ((\"text\" \"plain\" NIL NIL NIL \"base64\" 4 1)(\"image\" \"png\" NIL NIL NIL"
          + " {6}\r\nbase64 8) \"mixed\") 5)";
  private static final String BODY = "(" + TEXT + MESSAGE + " \"mixed\")";

  private static String encoding(String body, Integer... part) {
    BodyPartLocator.Part found = BodyPartLocator.find(body, List.of(part));
    return found == null ? null : found.encoding();
  }

  @Test
  void partsOfAMultipartAndOfAnEncapsulatedMessage() {
    assertThat(encoding(BODY, 1)).isEqualTo("quoted-printable");
    assertThat(encoding(BODY, 2)).isEqualTo("7bit");
    assertThat(encoding(BODY, 2, 1)).isEqualTo("base64");
    assertThat(encoding(BODY, 2, 2)).as("a literal encoding name").isEqualTo("base64");
    assertThat(encoding(BODY)).as("the message itself").isEqualTo("7bit");
  }

  @Test
  void aSinglePartIsItsOwnPartOne() {
    assertThat(encoding(TEXT, 1)).isEqualTo("quoted-printable");
    assertThat(encoding(TEXT, 2)).isNull();
    assertThat(encoding(TEXT, 1, 1)).isEqualTo("quoted-printable");
    assertThat(encoding(TEXT, 1, 2)).isNull();
  }

  @Test
  void missingParts() {
    assertThat(encoding(BODY, 3)).isNull();
    assertThat(encoding(BODY, 1, 2)).isNull();
    assertThat(encoding(BODY, 2, 3)).isNull();
    assertThat(encoding(BODY, 2, 1, 1)).as("a text part is its own part 1").isEqualTo("base64");
  }
}
