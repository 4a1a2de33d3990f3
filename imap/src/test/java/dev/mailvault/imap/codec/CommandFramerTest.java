package dev.mailvault.imap.codec;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.spill.InFlightBudget;
import dev.mailvault.core.spill.SpillArea;
import dev.mailvault.imap.codec.FramerEvent.ContinuationRequest;
import dev.mailvault.imap.codec.FramerEvent.Frame;
import dev.mailvault.imap.codec.FramerEvent.FrameError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CommandFramerTest {

  private static final FramerLimits SMALL = new FramerLimits(64, 100, 150);

  private static final String SESSION =
      "a1 CAPABILITY\r\n"
          + "a2 LOGIN {5}\r\nalice {6+}\r\nsecret\r\n"
          + "a3 APPEND INBOX (\\Seen) {11}\r\nHello\r\nWorld\r\n"
          + "a4 APPEND Drafts ~{3}\r\n\0\1\2 {0}\r\n\r\n"
          + "a5 NOOP\n"
          + "a6 LOGOUT\r\n";

  @Test
  void sessionIsCutIntoCommandsWithTheirLiterals() {
    assertThat(describe(new CommandFramer(FramerLimits.DEFAULTS).feed(bytes(SESSION))))
        .containsExactly(
            "frame:a1 CAPABILITY",
            "continue:5",
            "frame:a2 LOGIN {5}\r\nalice {6+}\r\nsecret",
            "continue:11",
            "frame:a3 APPEND INBOX (\\Seen) {11}\r\nHello\r\nWorld",
            "continue:3",
            "continue:0",
            "frame:a4 APPEND Drafts ~{3}\r\n\0\1\2 {0}\r\n",
            "frame:a5 NOOP",
            "frame:a6 LOGOUT");
  }

  @Test
  void continuationComesBeforeTheFrameThatNeedsIt() {
    CommandFramer framer = new CommandFramer(FramerLimits.DEFAULTS);
    assertThat(describe(framer.feed(bytes("a LOGIN {5}\r\n")))).containsExactly("continue:5");
    assertThat(describe(framer.feed(bytes("alice {3}\r\n")))).containsExactly("continue:3");
    assertThat(describe(framer.feed(bytes("pwd\r\n"))))
        .containsExactly("frame:a LOGIN {5}\r\nalice {3}\r\npwd");
  }

  static List<String> sessions() {
    return List.of(
        SESSION + TOO_BIG_SESSION,
        // IDLE and DONE, a LITERAL- login, a pipelined FETCH and an empty line.
        "i1 IDLE\r\nDONE\r\ni2 LOGIN {5-}\r\nalice \"pw\"\r\n\r\ni3 FETCH 1 (FLAGS)\r\n"
            + "i4 UID FETCH 1:* BODY.PEEK[]\r\n",
        // A refused literal in the middle of a MULTIAPPEND, then a valid command.
        "m1 APPEND INBOX {3+}\r\nabc {200+}\r\n" + "q".repeat(200) + " {2+}\r\nxy\r\nm2 NOOP\r\n");
  }

  @ParameterizedTest
  @MethodSource("sessions")
  void everySplitOfASessionGivesTheSameEvents(String text) {
    byte[] session = bytes(text);
    List<String> whole = describe(new CommandFramer(SMALL).feed(session));
    for (int cut = 0; cut <= session.length; cut++) {
      CommandFramer framer = new CommandFramer(SMALL);
      List<FramerEvent> events = new ArrayList<>();
      framer.feed(session, 0, cut, events::add);
      framer.feed(session, cut, session.length - cut, events::add);
      assertThat(describe(events)).as("cut at %d", cut).isEqualTo(whole);
    }
    CommandFramer byteByByte = new CommandFramer(SMALL);
    List<FramerEvent> events = new ArrayList<>();
    for (int i = 0; i < session.length; i++) {
      byteByByte.feed(session, i, 1, events::add);
    }
    assertThat(describe(events)).isEqualTo(whole);
  }

  private static final String TOO_BIG_SESSION =
      "b1 APPEND INBOX {101}\r\n"
          + "b3 SEARCH "
          + "X".repeat(70)
          + "\r\n"
          + "b4 NOOP\r\n"
          + "b2 APPEND INBOX {101+}\r\n"
          + "x".repeat(101)
          + "\r\nb5 NOOP\r\n";

  @Test
  void overLimitInputIsRefusedAndTheNextCommandStillFrames() {
    assertThat(describe(new CommandFramer(SMALL).feed(bytes(TOO_BIG_SESSION))))
        .containsExactly(
            "error:b1:LITERAL_TOO_BIG",
            "error:b3:LINE_TOO_LONG",
            "frame:b4 NOOP",
            "error:b2:NON_SYNC_TOO_BIG");
  }

  @Test
  void anOversizedNonSynchronisingLiteralEndsTheReadingItsBytesAreNeverCommands() {
    CommandFramer framer = new CommandFramer(SMALL);
    String smuggled = "x1 LOGIN {200+}\r\n" + "x2 DELETE INBOX\r\n".repeat(12);
    assertThat(describe(framer.feed(bytes(smuggled)))).containsExactly("error:x1:NON_SYNC_TOO_BIG");
    assertThat(framer.feed(bytes("x3 NOOP\r\n"))).isEmpty();
  }

  @Test
  void beforeLoginALiteralIsLimitedToAFewKibibytes() {
    AtomicBoolean loggedIn = new AtomicBoolean();
    FramerLimits after = FramerLimits.DEFAULTS;
    CommandFramer framer =
        new CommandFramer(() -> loggedIn.get() ? after : after.beforeLogin(), SpillArea.inMemory());
    assertThat(describe(framer.feed(bytes("a LOGIN {52428800}\r\n"))))
        .containsExactly("error:a:LITERAL_TOO_BIG");
    assertThat(describe(framer.feed(bytes("b LOGIN {8192}\r\n")))).containsExactly("continue:8192");
    assertThat(describe(framer.feed(bytes("u".repeat(8192) + " {8192}\r\n"))))
        .containsExactly("continue:8192");
    assertThat(describe(framer.feed(bytes("v".repeat(8192) + " {1}\r\n"))))
        .containsExactly("error:b:COMMAND_TOO_BIG");
    assertThat(describe(framer.feed(bytes("c LOGIN {9000+}\r\n"))))
        .containsExactly("error:c:NON_SYNC_TOO_BIG");
    loggedIn.set(true);
    CommandFramer later =
        new CommandFramer(() -> loggedIn.get() ? after : after.beforeLogin(), SpillArea.inMemory());
    assertThat(describe(later.feed(bytes("d APPEND INBOX {52428800}\r\n"))))
        .containsExactly("continue:52428800");
  }

  @Test
  void aLiteralTheBudgetCannotTakeIsRefusedForNowWithoutAContinuation() {
    InFlightBudget budget = new InFlightBudget(100_000);
    SpillArea area = SpillArea.inMemory(budget);
    CommandFramer first = new CommandFramer(() -> FramerLimits.DEFAULTS, area);
    CommandFramer second = new CommandFramer(() -> FramerLimits.DEFAULTS, area);
    assertThat(describe(first.feed(bytes("a APPEND INBOX {90000}\r\n"))))
        .containsExactly("continue:90000");
    assertThat(describe(second.feed(bytes("b APPEND INBOX {20000}\r\nb2 NOOP\r\n"))))
        .containsExactly("error:b:BUSY", "frame:b2 NOOP");
    // Unasked but within the limits: skipped, and the connection reads on.
    assertThat(describe(second.feed(bytes("c APPEND INBOX {20000+}\r\n" + "k".repeat(20000)))))
        .containsExactly("error:c:BUSY");
    assertThat(describe(second.feed(bytes("\r\nc2 NOOP\r\n")))).containsExactly("frame:c2 NOOP");
    first.close();
    assertThat(budget.inUse()).isZero();
    assertThat(describe(second.feed(bytes("d APPEND INBOX {20000}\r\n"))))
        .containsExactly("continue:20000");
  }

  @Test
  void aSpilledLiteralComesBackWhole(@TempDir Path temp) throws Exception {
    SpillArea area = SpillArea.open(temp, 1024, new InFlightBudget(1L << 30));
    CommandFramer framer = new CommandFramer(() -> FramerLimits.DEFAULTS, area);
    String literal = "0123456789abcdef".repeat(20_000);
    framer.feed(bytes("s APPEND INBOX {" + literal.length() + "}\r\n"));
    framer.feed(bytes(literal));
    try (var files = Files.list(temp)) {
      assertThat(files.count()).isEqualTo(1);
    }
    List<FramerEvent> events = framer.feed(bytes(" {2}\r\nxy\r\n"));
    assertThat(describe(events))
        .containsExactly(
            "continue:2",
            "frame:s APPEND INBOX {" + literal.length() + "}\r\n" + literal + " {2}\r\nxy");
    try (var files = Files.list(temp)) {
      assertThat(files.count()).isZero();
    }
  }

  @Test
  void theSecondAndThirdSessionsGiveTheExpectedEvents() {
    assertThat(describe(new CommandFramer(SMALL).feed(bytes(sessions().get(1)))))
        .containsExactly(
            "frame:i1 IDLE",
            "frame:DONE",
            "frame:i2 LOGIN {5-}\r\nalice \"pw\"",
            "frame:",
            "frame:i3 FETCH 1 (FLAGS)",
            "frame:i4 UID FETCH 1:* BODY.PEEK[]");
    assertThat(describe(new CommandFramer(SMALL).feed(bytes(sessions().get(2)))))
        .containsExactly("error:m1:NON_SYNC_TOO_BIG");
  }

  @Test
  void literalsOfOneCommandAreBoundedTogether() {
    String multiAppend = "c APPEND INBOX {80}\r\n" + "m".repeat(80) + " {80}\r\nc2 NOOP\r\n";
    assertThat(describe(new CommandFramer(SMALL).feed(bytes(multiAppend))))
        .containsExactly("continue:80", "error:c:COMMAND_TOO_BIG", "frame:c2 NOOP");
  }

  @Test
  void lineLimitCountsTheTextOfEveryLineOfOneCommand() {
    String manyEmptyLiterals = "d LOGIN" + " {0+}\r\n".repeat(20) + "\r\nd2 NOOP\r\n";
    assertThat(describe(new CommandFramer(SMALL).feed(bytes(manyEmptyLiterals))))
        .containsExactly("error:d:LINE_TOO_LONG", "frame:d2 NOOP");
  }

  @Test
  void literalSizeBeyondThirtyTwoBitsIsABadLiteral() {
    assertThat(
            describe(new CommandFramer(SMALL).feed(bytes("e LOGIN {4294967296}\r\ne2 NOOP\r\n"))))
        .containsExactly("error:e:BAD_LITERAL", "frame:e2 NOOP");
  }

  @Test
  void garbageWithoutATagIsRefusedWithoutOne() {
    assertThat(describe(new CommandFramer(SMALL).feed(bytes("(" + "y".repeat(80) + "\r\n"))))
        .containsExactly("error:null:LINE_TOO_LONG");
  }

  @Test
  void theBufferNeverGrowsBeyondTheAnnouncedLiteralAndLineLimit() {
    CommandFramer framer = new CommandFramer(new FramerLimits(1024, 10_000, 10_000));
    List<FramerEvent> events = framer.feed(bytes("f APPEND INBOX {9000}\r\n"));
    assertThat(describe(events)).containsExactly("continue:9000");
    List<FramerEvent> rest = framer.feed(bytes("z".repeat(9000) + "\r\n"));
    assertThat(rest).hasSize(1);
    assertThat(((Frame) rest.get(0)).bytes()).hasSize(9000 + "f APPEND INBOX {9000}\r\n".length());
  }

  @Test
  void anAnnouncedLiteralHoldsOnlyTheBytesThatArrived() {
    CommandFramer framer = new CommandFramer(FramerLimits.DEFAULTS);
    assertThat(describe(framer.feed(bytes("g APPEND INBOX {52428800}\r\n"))))
        .containsExactly("continue:52428800");
    framer.feed(bytes("0123456789"));
    assertThat(framer.bufferCapacity()).isLessThan(4096);
  }

  @Test
  void literalMarkerIsRecognisedOnlyAtTheEndOfALine() {
    assertThat(LiteralMarker.at(bytes("a {5}"), 0, 5))
        .isEqualTo(new LiteralMarker(5, true, false, 2));
    assertThat(LiteralMarker.at(bytes("a ~{5+}"), 0, 7))
        .isEqualTo(new LiteralMarker(5, false, true, 2));
    assertThat(LiteralMarker.at(bytes("a {5-}"), 0, 6))
        .isEqualTo(new LiteralMarker(5, false, false, 2));
    assertThat(LiteralMarker.at(bytes("a {}"), 0, 4)).isNull();
    assertThat(LiteralMarker.at(bytes("a {x}"), 0, 5)).isNull();
    assertThat(LiteralMarker.at(bytes("a 5}"), 0, 4)).isNull();
    assertThat(LiteralMarker.at(bytes("}"), 0, 1)).isNull();
  }

  static byte[] bytes(String s) {
    return s.getBytes(ISO_8859_1);
  }

  static List<String> describe(List<FramerEvent> events) {
    List<String> out = new ArrayList<>();
    for (FramerEvent event : events) {
      if (event instanceof Frame f) {
        out.add("frame:" + new String(f.bytes(), ISO_8859_1));
      } else if (event instanceof ContinuationRequest c) {
        out.add("continue:" + c.size());
      } else if (event instanceof FrameError e) {
        out.add("error:" + e.tag() + ":" + e.kind());
      }
    }
    return out;
  }
}
