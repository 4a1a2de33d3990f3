package dev.mailvault.core.sieve;

import static dev.mailvault.core.sieve.SieveFixture.message;
import static dev.mailvault.core.sieve.SieveFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.sieve.SieveAction.FileInto;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The body test (RFC 5173): the message and examples of §7, the transforms of §5. */
class Rfc5173BodyTest {

  // RFC 5173 §7: the example message.
  private static final byte[] SECTION_7 =
      message(
          "From: Whomever",
          "To: Someone",
          "Date: Whenever",
          "Subject: whatever",
          "Content-Type: multipart/mixed; boundary=outer",
          "",
          "This is a multi-part message in MIME format.",
          "",
          "--outer",
          "Content-Type: multipart/alternative; boundary=inner",
          "",
          "This is a nested multi-part message in MIME format.",
          "",
          "--inner",
          "Content-Type: text/plain; charset=\"us-ascii\"",
          "",
          "Hello",
          "",
          "--inner",
          "Content-Type: text/html; charset=\"us-ascii\"",
          "",
          "<html><body>Hello</body></html>",
          "",
          "--inner--",
          "",
          "This is the end of the inner MIME multipart.",
          "",
          "--outer",
          "Content-Type: message/rfc822",
          "",
          "From: Someone Else",
          "Subject: hello request",
          "",
          "Please say Hello",
          "",
          "--outer--",
          "",
          "This is the end of the outer MIME multipart.");

  // RFC 5173 §7, each test of the section with its stated result.
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "body :raw :contains \"MIME\"|true",
        "body :raw :contains \"Hello\"|true",
        "body :raw :contains \"what\"|false",
        "body :content \"text\" :contains \"html\"|true",
        "body :content \"text/plain\" :contains \"html\"|false",
        "body :content \"text\" :contains \"Please say\"|true",
        "body :content \"multipart\" :contains \"MIME\"|true",
        "body :content \"multipart\" :contains \"Hello\"|false",
        "body :content \"\" :contains \"Hello\"|true",
        "body :text :contains \"Hello\"|true",
        "body :contains \"Hello\"|true",
        "body :content \"audio\" :contains \"\"|false",
      })
  void section7(String test, boolean expected) throws Exception {
    String script = "require \"body\";\nif " + test + " { discard; }";
    assertThat(run(script, SECTION_7).implicitKeep()).isEqualTo(!expected);
  }

  // RFC 5173 §6 examples.
  private static final String SECTION_6 =
      """
      require ["body", "fileinto"];

      # Save any message with any text MIME part that contains the
      # words "missile" or "coordinates" in the "secrets" folder.

      if body :content "text" :contains ["missile", "coordinates"] {
              fileinto "secrets";
      }

      # Save any message with an audio attachment in the "music" folder.

      if body :content "audio" :contains "" {
              fileinto "music";
      }
      """;

  @Test
  void section6SecretsInAQuotedPrintablePart() throws Exception {
    byte[] msg =
        message(
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "The mis=",
            "sile coordinates are ready.");
    assertThat(run(SECTION_6, msg).actions())
        .containsExactly(new FileInto("secrets", Set.of(), false));
  }

  @Test
  void section6Music() throws Exception {
    byte[] msg =
        message(
            "Content-Type: multipart/mixed; boundary=b",
            "",
            "--b",
            "Content-Type: text/plain",
            "",
            "A song for you.",
            "--b",
            "Content-Type: audio/mpeg",
            "Content-Transfer-Encoding: base64",
            "",
            "SUQzBAAAAAAAI1RTU0UAAAAPAAADTGF2ZjU4Ljc2LjEwMAAAAAAAAAAAAAAA",
            "--b--");
    assertThat(run(SECTION_6, msg).actions())
        .containsExactly(new FileInto("music", Set.of(), false));
  }

  @Test
  void base64TextIsDecodedBeforeMatching() throws Exception {
    byte[] msg =
        message(
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            "cHJvamVjdCBzY2hlZHVsZQ==");
    String script =
        "require [\"body\", \"fileinto\"];\n"
            + "if body :raw :contains \"project schedule\" { discard; }\n"
            + "if body :text :contains \"project schedule\" { fileinto \"project/schedule\"; }";
    assertThat(run(script, msg).actions())
        .containsExactly(new FileInto("project/schedule", Set.of(), false));
  }
}
