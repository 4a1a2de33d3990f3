package dev.mailvault.imap.fetch;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransferDecoderTest {

  private static String decode(String raw, String encoding) throws Exception {
    return new String(TransferDecoder.decode(raw.getBytes(ISO_8859_1), encoding), ISO_8859_1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "aGVsbG8=|hello",
        "aGVsbG8|hello", // padding missing
        "aG Vs*bG8=|hello", // characters outside the alphabet are skipped
        "aGk=aGk=|hihi", // padding in the middle: concatenated base64
        "aGVsbG8===|hello", // extra padding
        "YQ|a",
        "Y|''", // a lone character holds no byte
        "''|''",
      })
  void base64IsLenient(String raw, String decoded) throws Exception {
    assertThat(decode(raw, "base64")).isEqualTo(decoded);
  }

  @Test
  void base64AcrossLines() throws Exception {
    assertThat(decode("aGVs\r\nbG8=\r\n", "base64")).isEqualTo("hello");
  }

  @Test
  void quotedPrintable() throws Exception {
    assertThat(decode("caf=C3=A9 =\r\nsoft=\nline", "quoted-printable"))
        .isEqualTo("caf\u00c3\u00a9 softline");
    assertThat(decode("a=  \r\nb", "quoted-printable"))
        .as("soft break after blanks")
        .isEqualTo("ab");
    assertThat(decode("lower =e9 upper =E9", "quoted-printable"))
        .isEqualTo("lower \u00e9 upper \u00e9");
    assertThat(decode("broken =ZZ and =4", "quoted-printable")).isEqualTo("broken =ZZ and =4");
    assertThat(decode("end=", "quoted-printable")).isEqualTo("end");
    assertThat(decode("keep\r\nhard breaks\r\n", "quoted-printable"))
        .isEqualTo("keep\r\nhard breaks\r\n");
  }

  @Test
  void quotedPrintableDropsTransportPaddingAtLineEnds() throws Exception {
    // RFC 2045 §6.7 rule 3; the message is ImapTest's fetch-binary-mime-qp.
    String encoded =
        "hello  \nbar=\n\nfoo\t=\nbar\nfoo\t \t= \n=62\nfoo = \t\nbar\nfoo =\n=62\nfoo  \nbar=\n\n"
            + "foo_bar\n";
    assertThat(decode(encoded, "quoted-printable"))
        .isEqualTo("hello\nbar\nfoo\tbar\nfoo\t \tb\nfoo bar\nfoo b\nfoo\nbar\nfoo_bar\n");
    assertThat(decode("padded \r\nend\t ", "quoted-printable")).isEqualTo("padded\r\nend");
    assertThat(decode("encoded=20\r\n", "quoted-printable"))
        .as("an encoded blank is data")
        .isEqualTo("encoded \r\n");
  }

  @Test
  void identityEncodingsPassTheBytes() throws Exception {
    byte[] raw = {0, 1, (byte) 0xff, '\r', '\n', '='};
    for (String encoding : new String[] {"7bit", "8bit", "binary"}) {
      assertThat(TransferDecoder.decode(raw, encoding)).isSameAs(raw);
    }
  }

  @Test
  void anyOtherEncodingIsUnknown() {
    for (String encoding : new String[] {"x-uuencode", "bogus-encoding", ""}) {
      assertThatThrownBy(() -> TransferDecoder.decode(new byte[0], encoding))
          .isInstanceOf(UnknownTransferEncodingException.class);
    }
  }
}
