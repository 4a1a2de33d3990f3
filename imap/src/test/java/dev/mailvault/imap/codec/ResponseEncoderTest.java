package dev.mailvault.imap.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.imap.codec.ImapResponse.Condition;
import dev.mailvault.imap.codec.ImapResponse.Continuation;
import dev.mailvault.imap.codec.ImapResponse.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseEncoderTest {

  private final ResponseEncoder encoder = new ResponseEncoder();

  private String encode(ImapResponse response) {
    return new String(encoder.encode(response), UTF_8);
  }

  @Test
  void taggedAndUntaggedStatusWithCodes() {
    assertThat(encode(Status.tagged("a1", Condition.OK, "NOOP completed")))
        .isEqualTo("a1 OK NOOP completed\r\n");
    assertThat(encode(new Status("a2", Condition.NO, ResponseCode.TRYCREATE, "No such mailbox")))
        .isEqualTo("a2 NO [TRYCREATE] No such mailbox\r\n");
    assertThat(
            encode(
                new Status(
                    "a3",
                    Condition.OK,
                    ResponseCode.appendUid(38505, UidSet.of(3955)),
                    "APPEND completed")))
        .isEqualTo("a3 OK [APPENDUID 38505 3955] APPEND completed\r\n");
    assertThat(
            encode(
                new Status(
                    "a4",
                    Condition.OK,
                    ResponseCode.copyUid(38505, UidSet.of(304, 319, 320), UidSet.range(3956, 3958)),
                    "Done")))
        .isEqualTo("a4 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n");
    assertThat(
            encode(
                Status.untagged(
                    Condition.OK,
                    ResponseCode.capability(List.of("IMAP4rev2", "IMAP4rev1", "IDLE")),
                    "Mailvault ready")))
        .isEqualTo("* OK [CAPABILITY IMAP4rev2 IMAP4rev1 IDLE] Mailvault ready\r\n");
    assertThat(encode(Status.untagged(Condition.BYE, null, "Autologout")))
        .isEqualTo("* BYE Autologout\r\n");
    assertThat(encode(new Status(null, Condition.BAD, null, "Missing or invalid tag")))
        .isEqualTo("* BAD Missing or invalid tag\r\n");
  }

  @Test
  void continuationKeepsItsSpaceEvenWithoutText() {
    assertThat(encode(new Continuation("Ready for literal data")))
        .isEqualTo("+ Ready for literal data\r\n");
    assertThat(encode(new Continuation(""))).isEqualTo("+ \r\n");
  }

  @Test
  void lineBreaksInTextCannotInjectAResponse() {
    assertThat(encode(Status.tagged("a", Condition.NO, "bad\r\na OK forged")))
        .isEqualTo("a NO bad  a OK forged\r\n");
  }

  @Test
  void statusNeedsTextAndByeIsUntagged() {
    assertThatThrownBy(() -> Status.tagged("a", Condition.OK, " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Status.tagged("a", Condition.BYE, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ResponseCode("APPENDUID", "1]2"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void stringsAreAtomsQuotedOrLiteralsAsTheirContentNeeds() {
    ResponseWriter rev1 = new ResponseWriter(false);
    rev1.untagged()
        .atom("DATA")
        .sp()
        .astring("INBOX")
        .sp()
        .astring("")
        .sp()
        .astring("nil")
        .sp()
        .astring("two words")
        .sp()
        .string("say \"hi\" \\o/")
        .sp()
        .string("a\r\nb")
        .sp()
        .string("é")
        .sp()
        .nstring(null)
        .sp()
        .nstring("x")
        .sp()
        .number(42)
        .crlf();
    assertThat(new String(rev1.toBytes(), UTF_8))
        .isEqualTo(
            "* DATA INBOX \"\" \"nil\" \"two words\" \"say \\\"hi\\\" \\\\o/\" {4}\r\na\r\nb"
                + " {2}\r\né NIL \"x\" 42\r\n");
    ResponseWriter rev2 = new ResponseWriter(true);
    rev2.string("é").sp().string("x".repeat(ResponseWriter.MAX_QUOTED + 1));
    assertThat(new String(rev2.toBytes(), UTF_8))
        .startsWith("\"é\" {" + (ResponseWriter.MAX_QUOTED + 1) + "}\r\nxxx");
  }

  @Test
  void mailboxNamesFollowTheSessionsEncoding() {
    assertThat(new String(new ResponseWriter(false).mailbox("台北").toBytes(), UTF_8))
        .isEqualTo("&U,BTFw-");
    assertThat(new String(new ResponseWriter(true).mailbox("台北").toBytes(), UTF_8))
        .isEqualTo("\"台北\"");
  }

  @Test
  void flagListsAndLiteral8() {
    ResponseWriter writer = new ResponseWriter(true);
    writer
        .flags(Flags.of(SystemFlag.SEEN, SystemFlag.FLAGGED).withKeywords("$Junk"))
        .sp()
        .flags(Flags.NONE)
        .sp()
        .literal8(new byte[] {0, 1});
    assertThat(writer.toBytes())
        .isEqualTo("(\\Seen \\Flagged $Junk) () ~{2}\r\n\0\1".getBytes(UTF_8));
  }
}
