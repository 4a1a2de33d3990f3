package dev.mailvault.bench.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Pop3ReaderTest {

  private static Pop3Reader reader(String wire, int bufferSize) {
    return new Pop3Reader(
        new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)), bufferSize);
  }

  private static String text(Pop3Reader.Received received) {
    return new String(received.bytes(), StandardCharsets.ISO_8859_1);
  }

  // buffer sizes from 3 octets up put the dot checks and line ends across refills
  @ParameterizedTest
  @ValueSource(ints = {3, 4, 5, 7, 64 * 1024})
  void aRetrAnswerIsUnstuffedUpToTheLoneDot(int bufferSize) throws Exception {
    // RFC 1939 §3: a line starting with "." is sent with one more; "." alone ends the answer
    Pop3Reader in =
        reader(
            "+OK 52 octets\r\n"
                + "Subject: dots\r\n\r\n"
                + "..leading dot\r\n"
                + "...two\r\n"
                + "a . in the middle\r\n"
                + ".\r\n"
                + "+OK bye\r\n",
            bufferSize);
    Pop3Reader.Received received = new Pop3Reader.Received();

    assertThat(in.statusLine()).isEqualTo("+OK 52 octets");
    int octets = in.body(received);

    String message = "Subject: dots\r\n\r\n.leading dot\r\n..two\r\na . in the middle\r\n";
    assertThat(text(received)).isEqualTo(message);
    assertThat(octets).isEqualTo(message.length());
    assertThat(received.sameAs(message.getBytes(StandardCharsets.ISO_8859_1))).isTrue();
    assertThat(received.sameAs("Subject: dots\r\n".getBytes(StandardCharsets.ISO_8859_1)))
        .isFalse();
    assertThat(in.statusLine()).isEqualTo("+OK bye");
  }

  @Test
  void anEmptyBodyIsTheLoneDotAtOnce() throws Exception {
    Pop3Reader in = reader("+OK\r\n.\r\n", 16);
    Pop3Reader.Received received = new Pop3Reader.Received();

    in.statusLine();

    assertThat(in.body(received)).isZero();
  }

  @Test
  void theReceivedBufferIsEmptiedForTheNextMessage() throws Exception {
    Pop3Reader in = reader("first\r\n.\r\nsecond\r\n.\r\n", 8);
    Pop3Reader.Received received = new Pop3Reader.Received();

    in.body(received);
    in.body(received);

    assertThat(text(received)).isEqualTo("second\r\n");
  }

  @Test
  void aCloseInsideAnAnswerIsAnError() {
    Pop3Reader in = reader("half a message\r\nno end", 8);

    assertThatThrownBy(() -> in.body(new Pop3Reader.Received())).isInstanceOf(EOFException.class);
  }

  @Test
  void aStatusLineMayEndWithABareLineFeed() throws Exception {
    Pop3Reader in = reader("-ERR [AUTH] no\n+OK\r\n", 4);

    assertThat(in.statusLine()).isEqualTo("-ERR [AUTH] no");
    assertThat(in.statusLine()).isEqualTo("+OK");
  }
}
