package dev.mailvault.sieve.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cutting bytes into requests (RFC 5804 §4), bounded before allocation, from bytes alone. */
class RequestFramerTest {

  private final RequestFramer framer = new RequestFramer(128, 64);
  private final List<FramedInput> out = new ArrayList<>();

  private void feed(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    framer.feed(bytes, 0, bytes.length, out::add);
  }

  private String request(int index) {
    return new String(((FramedInput.Request) out.get(index)).bytes(), StandardCharsets.UTF_8);
  }

  @Test
  void linesEndAtCrlfAndLiteralsCarryLineEnds() {
    feed("CAPABILITY\r\nPUTSCRIPT \"a\" {7+}\r\nkeep;\r\n\r\nLOGOUT\r\n");

    assertThat(out).hasSize(3);
    assertThat(request(0)).isEqualTo("CAPABILITY");
    assertThat(request(1)).isEqualTo("PUTSCRIPT \"a\" {7+}\r\nkeep;\r\n");
    assertThat(request(2)).isEqualTo("LOGOUT");
  }

  @Test
  void aSynchronizingLiteralIsTakenWithoutAGoAhead() {
    feed("CHECKSCRIPT {5}\r\nstop;\r\n");

    assertThat(request(0)).isEqualTo("CHECKSCRIPT {5}\r\nstop;");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 7, 42})
  void anySplitOfTheBytesFramesTheSame(long seed) {
    byte[] bytes =
        "NOOP\r\nPUTSCRIPT \"x\" {12+}\r\nif true {}\r\n\r\nNOOP \"t\"\r\n"
            .getBytes(StandardCharsets.UTF_8);
    Random random = new Random(seed);
    int at = 0;
    while (at < bytes.length) {
      int n = Math.min(bytes.length - at, 1 + random.nextInt(5));
      framer.feed(bytes, at, n, out::add);
      at += n;
    }
    assertThat(out).hasSize(3);
    assertThat(request(1)).isEqualTo("PUTSCRIPT \"x\" {12+}\r\nif true {}\r\n");
    assertThat(request(2)).isEqualTo("NOOP \"t\"");
  }

  @Test
  void aLiteralOverTheBoundIsCountedOffNotKept() {
    feed("PUTSCRIPT \"big\" {65+}\r\n" + "x".repeat(65) + "\r\nNOOP\r\n");

    assertThat(out.get(0)).isInstanceOf(FramedInput.LiteralTooLarge.class);
    assertThat(request(1)).isEqualTo("NOOP");
    assertThat(framer.buffered()).isZero();
  }

  @Test
  void aHugeAnnouncedLiteralAllocatesNothing() {
    feed("PUTSCRIPT \"big\" {99999999999999999999+}\r\n");
    feed("xxxx");

    assertThat(out).isEmpty();
    assertThat(framer.buffered()).isZero();
  }

  @Test
  void aLineOverTheBoundIsDroppedAndTheClientStaysInStep() {
    feed("NOOP \"" + "a".repeat(200) + "\"\r\nLOGOUT\r\n");
    feed("PUTSCRIPT \"" + "b".repeat(200) + "\" {3+}\r\nx\r\n\r\nNOOP\r\n");

    assertThat(out).hasSize(4);
    assertThat(out.get(0)).isInstanceOf(FramedInput.LineTooLong.class);
    assertThat(request(1)).isEqualTo("LOGOUT");
    // The literal of the dropped line is counted off, so its CRLF inside is no request.
    assertThat(out.get(2)).isInstanceOf(FramedInput.LineTooLong.class);
    assertThat(request(3)).isEqualTo("NOOP");
  }

  @Test
  void manyLiteralsTogetherAreBoundedToo() {
    StringBuilder request = new StringBuilder("PUTSCRIPT");
    for (int i = 0; i < 20; i++) {
      request.append(" {60+}\r\n").append("y".repeat(60));
    }
    feed(request + "\r\nNOOP\r\n");

    assertThat(out.get(0)).isInstanceOf(FramedInput.LiteralTooLarge.class);
    assertThat(request(1)).isEqualTo("NOOP");
  }
}
