package dev.mailvault.imap.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.mailvault.imap.codec.FramerEvent.Frame;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutations of valid commands through framer and parser: nothing but a {@link
 * ParseException} or a framer error may come out, and the framer never reserves more than its
 * limits allow. Deterministic (fixed seed and count), so a failure reproduces.
 */
class CodecRobustnessTest {

  static final List<String> VALID =
      List.of(
          "a1 CAPABILITY\r\n",
          "a2 LOGIN {5}\r\nalice {6+}\r\nsecret\r\n",
          "a3 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==\r\n",
          "a4 ENABLE IMAP4rev2 UTF8=ACCEPT\r\n",
          "a5 ID (\"name\" \"x\" \"version\" NIL)\r\n",
          "a6 SELECT INBOX (QRESYNC (1 2 1:5 (1:3 4:6)))\r\n",
          "a7 EXAMINE ~peter/mail/&U,BTFw-/&ZeVnLIqe- (CONDSTORE)\r\n",
          "a8 CREATE Drafts (USE (\\Drafts))\r\n",
          "a9 RENAME \"old box\" new\r\n",
          "b1 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (INBOX %) RETURN (CHILDREN STATUS (MESSAGES SIZE))\r\n",
          "b2 LSUB \"\" *\r\n",
          "b3 STATUS INBOX (MESSAGES UIDNEXT UNSEEN)\r\n",
          "b4 APPEND INBOX (\\Seen $Work) \"07-Feb-1994 21:52:25 -0800\" {5}\r\nHello ~{3}\r\n\0\1\2\r\n",
          "b5 UID SEARCH RETURN (MIN COUNT) CHARSET UTF-8 OR (SEEN 1:3) NOT SINCE 1-Feb-1994 HEADER X-A {3}\r\nabc\r\n",
          "b6 FETCH 1:*,3 (FLAGS BODY.PEEK[1.2.HEADER.FIELDS (From To)]<0.100> BINARY[1] BINARY.SIZE[2]) (CHANGEDSINCE 5)\r\n",
          "b7 UID STORE $ (UNCHANGEDSINCE 9) +FLAGS.SILENT (\\Deleted $Junk)\r\n",
          "b8 UID MOVE 1:3 Trash\r\n",
          "b9 UID EXPUNGE 4,5\r\n",
          "c1 GETQUOTAROOT INBOX\r\n",
          "c2 COMPRESS DEFLATE\r\n",
          "c3 IDLE\r\nDONE\r\n");

  private static final byte[] INTERESTING =
      " \r\n{}()[]<>\"\\~+-*$%:,.0123456789\0\u00ff"
          .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  private static final String[] SPLICES = {
    "{4294967295}\r\n",
    "{99999999999}",
    "{70+}\r\n",
    "~{0}\r\n",
    "{0}\r\n",
    "(((((((",
    "\"",
    "\\",
    "NOT NOT NOT ",
    "BODY[1.2.3.",
    "<1.",
    "&",
    "&-",
    "&Jjo",
    "\u00c3"
  };

  private static final FramerLimits LIMITS = new FramerLimits(512, 64, 256);

  @Test
  void theUnmutatedCorpusIsValid() throws Exception {
    CommandParser parser = new CommandParser();
    for (String command : VALID) {
      List<FramerEvent> events =
          new CommandFramer(FramerLimits.DEFAULTS).feed(command.getBytes(UTF_8));
      for (FramerEvent event : events) {
        if (event instanceof Frame frame && !CommandParser.isDone(frame.bytes())) {
          assertThat(parser.parse(frame.bytes(), NameEncoding.MODIFIED_UTF7).tag())
              .isEqualTo(command.substring(0, 2));
        }
      }
    }
  }

  @Test
  void mutatedCommandsOnlyEverFailAsParseErrorsOrFramerErrors() {
    Random random = new Random(0x1a4a9L);
    CommandParser parser = new CommandParser();
    int frames = 0;
    int parseErrors = 0;
    for (int round = 0; round < 30_000; round++) {
      byte[] input = mutate(random, session(random));
      CommandFramer framer = new CommandFramer(LIMITS);
      int offset = 0;
      while (offset < input.length) {
        int chunk = 1 + random.nextInt(Math.min(40, input.length - offset));
        List<FramerEvent> events = new java.util.ArrayList<>();
        framer.feed(input, offset, chunk, events::add);
        offset += chunk;
        assertThat(framer.bufferCapacity())
            .isLessThanOrEqualTo(LIMITS.maxLineLength() + (int) LIMITS.maxCommandSize() + 2);
        for (FramerEvent event : events) {
          if (event instanceof Frame frame) {
            frames++;
            assertThat(frame.bytes().length)
                .isLessThanOrEqualTo(LIMITS.maxLineLength() + (int) LIMITS.maxCommandSize());
            for (NameEncoding names : NameEncoding.values()) {
              try {
                parser.parse(frame.bytes(), names);
              } catch (ParseException e) {
                parseErrors++;
                assertThat(e.getMessage()).isNotBlank().doesNotContain("\r", "\n");
              } catch (RuntimeException | StackOverflowError e) {
                fail("%s on frame %s", e, HexFormat.of().formatHex(frame.bytes()));
              }
            }
          }
        }
      }
    }
    // The mutations must leave both valid and invalid frames, or the test proves little.
    assertThat(frames).isGreaterThan(30_000);
    assertThat(parseErrors).isBetween(1000, frames * 2 - 1000);
  }

  private static byte[] session(Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int commands = 1 + random.nextInt(3);
    for (int i = 0; i < commands; i++) {
      out.writeBytes(VALID.get(random.nextInt(VALID.size())).getBytes(UTF_8));
    }
    return out.toByteArray();
  }

  static byte[] mutate(Random random, byte[] input) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(input);
    byte[] bytes = out.toByteArray();
    int mutations = random.nextInt(4);
    for (int m = 0; m < mutations; m++) {
      int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      byte[] insert;
      int remove = 0;
      switch (random.nextInt(6)) {
        case 0 -> {
          insert = new byte[] {(byte) random.nextInt(256)};
          remove = 1;
        }
        case 1 -> insert = new byte[] {INTERESTING[random.nextInt(INTERESTING.length)]};
        case 2 -> {
          insert = new byte[0];
          remove = 1 + random.nextInt(8);
        }
        case 3 -> insert = SPLICES[random.nextInt(SPLICES.length)].getBytes(UTF_8);
        case 4 -> {
          int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
          int to = Math.min(bytes.length, from + random.nextInt(30));
          insert = java.util.Arrays.copyOfRange(bytes, from, to);
        }
        default -> {
          insert = new byte[0];
          remove = bytes.length - at;
        }
      }
      remove = Math.min(remove, bytes.length - at);
      ByteArrayOutputStream next = new ByteArrayOutputStream();
      next.write(bytes, 0, at);
      next.writeBytes(insert);
      next.write(bytes, at + remove, bytes.length - at - remove);
      bytes = next.toByteArray();
    }
    return bytes;
  }
}
