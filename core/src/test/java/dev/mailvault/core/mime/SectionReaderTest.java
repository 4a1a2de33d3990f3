package dev.mailvault.core.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SectionReaderTest {

  private static final String HEADER =
      "From: Alice <alice@example.com>\r\n"
          + "To: Bob <bob@example.net>\r\n"
          + "Subject: sections\r\n"
          + "X-Folded: one\r\n"
          + " two\r\n"
          + "MIME-Version: 1.0\r\n"
          + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n"
          + "\r\n";
  private static final String PART1_HEADER = "Content-Type: text/plain\r\n\r\n";
  private static final String PART1_BODY = "first part\r\n";
  private static final String INNER_HEADER = "Subject: inner\r\nFrom: carol@example.org\r\n\r\n";
  private static final String INNER_BODY = "inner text\r\n";
  private static final String PART2_HEADER = "Content-Type: message/rfc822\r\n\r\n";
  private static final String PART3_HEADER =
      "Content-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n";
  private static final String PART3_BODY =
      "--inner\r\n\r\n"
          + "alt one\r\n"
          + "--inner\r\n"
          + "Content-Type: text/html\r\n\r\n"
          + "<p>two</p>\r\n"
          + "--inner--\r\n";
  private static final String TEXT =
      "preamble\r\n--outer\r\n"
          + PART1_HEADER
          + PART1_BODY
          + "\r\n--outer\r\n"
          + PART2_HEADER
          + INNER_HEADER
          + INNER_BODY
          + "\r\n--outer\r\n"
          + PART3_HEADER
          + PART3_BODY
          + "\r\n--outer--\r\n";
  private static final String MESSAGE = HEADER + TEXT;

  private static String read(String section) throws Exception {
    byte[] raw = MESSAGE.getBytes(StandardCharsets.ISO_8859_1);
    MimePart root = MessageParser.parse(raw).root();
    return new String(
        SectionReader.read(root, ByteSource.of(raw), section), StandardCharsets.ISO_8859_1);
  }

  @Test
  void wholeMessageHeaderAndText() throws Exception {
    assertThat(read("")).isEqualTo(MESSAGE);
    assertThat(read("HEADER")).isEqualTo(HEADER);
    assertThat(read("TEXT")).isEqualTo(TEXT);
    assertThat(read("header")).as("keywords are case-insensitive").isEqualTo(HEADER);
  }

  @Test
  void numberedPartsAndTheirMimeHeaders() throws Exception {
    assertThat(read("1")).isEqualTo(PART1_BODY);
    assertThat(read("1.MIME")).isEqualTo(PART1_HEADER);
    assertThat(read("2")).isEqualTo(INNER_HEADER + INNER_BODY);
    assertThat(read("2.MIME")).isEqualTo(PART2_HEADER);
    assertThat(read("3")).isEqualTo(PART3_BODY);
    assertThat(read("3.1")).isEqualTo("alt one");
    assertThat(read("3.1.MIME")).isEqualTo("\r\n");
    assertThat(read("3.2")).isEqualTo("<p>two</p>");
  }

  @Test
  void headerAndTextOfAnEncapsulatedMessage() throws Exception {
    assertThat(read("2.HEADER")).isEqualTo(INNER_HEADER);
    assertThat(read("2.TEXT")).isEqualTo(INNER_BODY);
    assertThat(read("2.1")).as("part 1 of a single-part message is its body").isEqualTo(INNER_BODY);
    assertThat(read("2.HEADER.FIELDS (FROM)")).isEqualTo("From: carol@example.org\r\n\r\n");
  }

  @Test
  void headerFieldsKeepMessageOrderAndFolding() throws Exception {
    assertThat(read("HEADER.FIELDS (SUBJECT FROM x-folded)"))
        .isEqualTo(
            "From: Alice <alice@example.com>\r\n"
                + "Subject: sections\r\n"
                + "X-Folded: one\r\n"
                + " two\r\n\r\n");
    assertThat(read("HEADER.FIELDS (\"To\")")).isEqualTo("To: Bob <bob@example.net>\r\n\r\n");
    assertThat(read("HEADER.FIELDS (X-NONE)")).isEqualTo("\r\n");
    assertThat(read("HEADER.FIELDS.NOT (FROM TO SUBJECT X-FOLDED MIME-VERSION)"))
        .isEqualTo("Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n");
  }

  @Test
  void partsThatDoNotExistReadAsEmpty() throws Exception {
    assertThat(read("4")).isEmpty();
    assertThat(read("4.MIME")).isEmpty();
    assertThat(read("3.5")).isEmpty();
    assertThat(read("1.TEXT")).as("TEXT of a part that is not message/rfc822").isEmpty();
    assertThat(read("1.HEADER")).isEmpty();
  }

  @Test
  void singlePartMessageIsItsOwnPartOne() throws Exception {
    byte[] raw = "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
    MimePart root = MessageParser.parse(raw).root();
    assertThat(SectionReader.read(root, ByteSource.of(raw), "1")).asString().isEqualTo("body\r\n");
    assertThat(SectionReader.read(root, ByteSource.of(raw), "1.MIME"))
        .asString()
        .isEqualTo("Subject: x\r\n\r\n");
    assertThat(SectionReader.read(root, ByteSource.of(raw), "2")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "01",
        "1.",
        ".1",
        "1..2",
        "MIME",
        "FOO",
        "1.FOO",
        "1.MIME.TEXT",
        "HEADER.FIELDS",
        "HEADER.FIELDS ()",
        "HEADER.FIELDS (FROM",
        "HEADER.FIELDS  (FROM)",
        "HEADER.FIELDS (FROM  TO)",
        "HEADER.FIELDS.NOT",
        "TEXT.MIME",
        "1 "
      })
  void malformedSectionsAreRejected(String section) {
    byte[] raw = MESSAGE.getBytes(StandardCharsets.ISO_8859_1);
    MimePart root = MessageParser.parse(raw).root();
    assertThatThrownBy(() -> SectionReader.read(root, ByteSource.of(raw), section))
        .isInstanceOf(InvalidSectionException.class)
        .hasMessageStartingWith("Invalid section specifier");
  }
}
