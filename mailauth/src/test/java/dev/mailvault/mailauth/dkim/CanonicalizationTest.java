package dev.mailvault.mailauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalizationTest {

  /** RFC 6376 §3.4.6, written out byte for byte: "<SP> X <CRLF>" and so on. */
  static final String EXAMPLE =
      "A: X\r\n"
          + "B : Y\t\r\n"
          + "\tZ  \r\n"
          + "\r\n"
          + " C \r\n"
          + "D \t E\r\n"
          + "\r\n"
          + "\r\n";

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  static String headers(Canonicalization canonicalization, byte[] message) {
    StringBuilder out = new StringBuilder();
    for (HeaderField field : MessageHeader.parse(message).fields()) {
      out.append(text(canonicalization.header(field)));
    }
    return out.toString();
  }

  static String body(Canonicalization canonicalization, String message) {
    byte[] bytes = bytes(message);
    return text(canonicalization.body(bytes, MessageHeader.parse(bytes).bodyStart()));
  }

  @Test
  void theRfcExampleSplitsIntoTwoFieldsAndABody() {
    MessageHeader header = MessageHeader.parse(bytes(EXAMPLE));
    assertThat(header.fields()).extracting(HeaderField::name).containsExactly("A", "B");
    assertThat(header.bodyStart()).isEqualTo("A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n".length());
  }

  @Test
  void relaxedHeadersOfTheRfcExample() {
    assertThat(headers(Canonicalization.RELAXED, bytes(EXAMPLE))).isEqualTo("a:X\r\nb:Y Z\r\n");
  }

  @Test
  void relaxedBodyOfTheRfcExample() {
    assertThat(body(Canonicalization.RELAXED, EXAMPLE)).isEqualTo(" C\r\nD E\r\n");
  }

  @Test
  void simpleHeadersOfTheRfcExampleAreUnchanged() {
    assertThat(headers(Canonicalization.SIMPLE, bytes(EXAMPLE)))
        .isEqualTo("A: X\r\nB : Y\t\r\n\tZ  \r\n");
  }

  @Test
  void simpleBodyOfTheRfcExampleLosesOnlyTheTrailingEmptyLines() {
    assertThat(body(Canonicalization.SIMPLE, EXAMPLE)).isEqualTo(" C \r\nD \t E\r\n");
  }

  @Test
  void anEmptyBodyIsOneCrlfWhenSimpleAndNothingWhenRelaxed() {
    // RFC 6376 §3.4.3 and §3.4.4; the SHA-256 values every implementation publishes for them.
    String message = "From: a@example.test\r\n\r\n";
    assertThat(body(Canonicalization.SIMPLE, message)).isEqualTo("\r\n");
    assertThat(body(Canonicalization.RELAXED, message)).isEmpty();
    assertThat(bodyHash(Canonicalization.SIMPLE, message))
        .isEqualTo("frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=");
    assertThat(bodyHash(Canonicalization.RELAXED, message))
        .isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  }

  @Test
  void aBodyWithoutAFinalLineEndGetsOne() {
    String message = "From: a@example.test\r\n\r\nlast line  ";
    assertThat(body(Canonicalization.SIMPLE, message)).isEqualTo("last line  \r\n");
    assertThat(body(Canonicalization.RELAXED, message)).isEqualTo("last line\r\n");
  }

  @Test
  void emptyLinesInsideTheBodyStay() {
    String message = "From: a@example.test\r\n\r\n\r\none\r\n\r\n \r\ntwo\r\n \r\n";
    assertThat(body(Canonicalization.SIMPLE, message))
        .isEqualTo("\r\none\r\n\r\n \r\ntwo\r\n \r\n");
    assertThat(body(Canonicalization.RELAXED, message)).isEqualTo("\r\none\r\n\r\n\r\ntwo\r\n");
  }

  @Test
  void relaxedKeepsAColonInsideTheValueAndItsSpace() {
    byte[] message = bytes("Subject:  Re:  x:\ty  \r\n\r\n");
    assertThat(headers(Canonicalization.RELAXED, message)).isEqualTo("subject:Re: x: y\r\n");
  }

  @Test
  void aMessageWithoutABodyHasNoneAndKeepsItsLastField() {
    MessageHeader header =
        MessageHeader.parse(bytes("From: a@example.test\r\nTo: b@example.test\r\n"));
    assertThat(header.fields()).extracting(HeaderField::name).containsExactly("From", "To");
    assertThat(header.bodyStart())
        .isEqualTo(header.fields().stream().mapToInt(f -> f.raw().length).sum());
  }

  @Test
  void namesAreFoundWhateverTheirCase() {
    MessageHeader header = MessageHeader.parse(bytes("FROM: a\r\nfrom: b\r\nTo: c\r\n\r\n"));
    assertThat(header.named("From")).hasSize(2);
    assertThat(List.of(Canonicalization.named("relaxed"), Canonicalization.named("simple")))
        .containsExactly(Canonicalization.RELAXED, Canonicalization.SIMPLE);
    assertThat(Canonicalization.named("nowsp")).isNull();
  }

  static String bodyHash(Canonicalization canonicalization, String message) {
    byte[] body = bytes(body(canonicalization, message));
    return Base64.getEncoder().encodeToString(DkimCrypto.sha256(body, body.length));
  }
}
