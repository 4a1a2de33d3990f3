package dev.mailvault.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BinaryPartEncoderTest {

  // NUL, CR without LF, 8-bit bytes and a bare LF: nothing 7bit or 8bit may carry.
  private static final String BINARY_BODY = "\0\r-\u00e4\n\u00ff\r\n";
  private static final String ENCODED = Base64.getEncoder().encodeToString(bytes(BINARY_BODY));

  private static byte[] bytes(String latin1) {
    return latin1.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String encode(String latin1) {
    return new String(BinaryPartEncoder.encode(bytes(latin1)), StandardCharsets.ISO_8859_1);
  }

  @Test
  void singlePartMessageBodyBecomesBase64() {
    String header =
        "From: user@domain.org\r\n"
            + "Mime-Version: 1.0\r\n"
            + "Content-Type: application/octet-stream\r\n"
            + "Content-Transfer-Encoding: ";
    String result = encode(header + "binary\r\n\r\n" + BINARY_BODY);
    assertThat(result).isEqualTo(header + "base64\r\n\r\n" + ENCODED);
    byte[] stored = bytes(result);
    MimePart root = MessageParser.parse(stored).root();
    assertThat(root.transferEncoding()).isEqualTo("base64");
  }

  @Test
  void longBodyIsSplitIntoLinesOfAtMost76Characters() {
    byte[] body = new byte[300];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) i;
    }
    String message =
        "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: BINARY\r\n\r\n"
            + new String(body, StandardCharsets.ISO_8859_1);
    String result = encode(message);
    String encodedBody = result.substring(result.indexOf("\r\n\r\n") + 4);
    String[] lines = encodedBody.split("\r\n", -1);
    assertThat(lines)
        .hasSize(6)
        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
    assertThat(lines[0]).hasSize(76);
    assertThat(Base64.getMimeDecoder().decode(encodedBody)).isEqualTo(body);
  }

  @Test
  void onlyTheBinaryPartOfAMultipartChanges() {
    String text1 = "--b\r\nContent-Type: text/plain\r\n\r\nfirst \u00e4 part\r\n";
    String binaryHeader =
        "--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: ";
    String text2 =
        "\r\n--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "caf\u00e9\r\n--b--\r\nepilogue\r\n";
    String head = "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\npre\r\n";
    String result = encode(head + text1 + binaryHeader + "binary\r\n\r\n" + BINARY_BODY + text2);
    assertThat(result).isEqualTo(head + text1 + binaryHeader + "base64\r\n\r\n" + ENCODED + text2);
    MimePart root = MessageParser.parse(bytes(result)).root();
    assertThat(root.children())
        .extracting(MimePart::transferEncoding)
        .containsExactly("7bit", "base64", "8bit");
  }

  @Test
  void binaryPartInsideAnEncapsulatedMessageIsEncoded() {
    String outer =
        "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=out\r\n\r\n"
            + "--out\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: binary\r\n\r\n"
            + "Subject: inner\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: application/pdf\r\nContent-Transfer-Encoding:  Binary (raw)\r\n\r\n";
    String tail = "\r\n--out--\r\n";
    String result = encode(outer + BINARY_BODY + tail);
    // The message/rfc822 part keeps its own field (RFC 2046 §5.2.1 allows binary there); the leaf
    // inside is the one whose body is encoded, its field value (comment included) replaced.
    String expectedOuter =
        outer.replace(
            "Content-Transfer-Encoding:  Binary (raw)", "Content-Transfer-Encoding:  base64");
    assertThat(result).isEqualTo(expectedOuter + ENCODED + tail);
    MimePart leaf = MessageParser.parse(bytes(result)).root().children().get(0).message();
    assertThat(leaf.transferEncoding()).isEqualTo("base64");
  }

  @Test
  void eightBitPartWithNulIsEncodedButWithoutNulIsKept() {
    String header = "Content-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\n";
    assertThat(encode(header + "caf\u00e9\r\n")).isEqualTo(header + "caf\u00e9\r\n");
    assertThat(encode(header + BINARY_BODY)).isEqualTo(header.replace("8bit", "base64") + ENCODED);
  }

  @Test
  void corpusMessageIsStoredAsTheReferenceServerStoredIt() throws Exception {
    // gen-binary-nul.expected: Dovecot answered RFC822.SIZE 1032 and BODY[TEXT] {746} with this
    // SHA-256 after its own conversion of the literal8 APPEND.
    byte[] raw = Files.readAllBytes(MimeCorpus.directory().resolve("gen-binary-nul.eml"));
    byte[] stored = BinaryPartEncoder.encode(raw);
    MimePart root = MessageParser.parse(stored).root();
    assertThat(stored).hasSize(1032);
    byte[] text = Arrays.copyOfRange(stored, (int) root.bodyStart(), stored.length);
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text)))
        .isEqualTo("9004151de5ad3389c0e335faf9045c8f228efdb8def54bf3b1c591367ddcaec2");
  }

  @Test
  void base64PartIsUntouched() {
    byte[] raw =
        bytes(
            "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "AAEC\r\n");
    assertThat(BinaryPartEncoder.encode(raw)).isSameAs(raw);
  }

  @Test
  void messageWithoutBinaryPartsIsKeptByteExact() {
    byte[] raw =
        bytes(
            "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=x\r\n\r\n"
                + "--x\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\nd\u00e9j\u00e0 vu\r\n"
                + "--x\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "<p>=E9</p>\r\n--x--\r\n");
    assertThat(BinaryPartEncoder.encode(raw)).isSameAs(raw);
  }

  @Test
  void binaryLabelOutsideMimeMeansNothing() {
    // RFC 2045 §4: without MIME-Version or Content-Type, Content-* fields are not MIME fields.
    byte[] raw = bytes("Subject: x\r\nContent-Transfer-Encoding: binary\r\n\r\n" + BINARY_BODY);
    assertThat(BinaryPartEncoder.encode(raw)).isSameAs(raw);
  }

  @Test
  void unusableFirstFieldLeavesTheUsedOneToBeReplaced() {
    String header =
        "Content-Type: application/octet-stream\r\n"
            + "Content-Transfer-Encoding: two words\r\n"
            + "Content-Transfer-Encoding: binary\r\n\r\n";
    assertThat(encode(header + BINARY_BODY))
        .isEqualTo(header.replace(": binary", ": base64") + ENCODED);
  }
}
