package dev.mailvault.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.smtp.codec.ReaderLimits.LineEndPolicy;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded randomised checks of the reader: what a client dot-stuffs comes back exactly, and how the
 * bytes are split into reads never changes what the reader makes of them.
 */
class SmtpReaderRoundTripTest {

  private static final byte[] ALPHABET = {'.', '.', ' ', 'a', 'Z', '\t', (byte) 0xc3, (byte) 0xa9};

  /** Feeds {@code bytes} in random pieces, starting DATA whenever the reader pauses for it. */
  private static List<String> read(byte[] bytes, Random random, LineEndPolicy policy) {
    SmtpReader reader = new SmtpReader(new ReaderLimits(512, 1000, 1 << 20, policy));
    List<String> out = new ArrayList<>();
    List<SmtpInput> inputs = new ArrayList<>();
    int at = 0;
    while (at < bytes.length) {
      int n =
          random == null ? bytes.length - at : 1 + random.nextInt(Math.min(64, bytes.length - at));
      reader.feed(bytes, at, n, inputs::add);
      at += n;
      drain(reader, inputs, out);
    }
    return out;
  }

  private static void drain(SmtpReader reader, List<SmtpInput> inputs, List<String> out) {
    while (!inputs.isEmpty()) {
      SmtpInput input = inputs.remove(0);
      out.add(render(input));
      // The reader pauses right after the command that makes it pause: the last one it yielded.
      if (reader.paused() && inputs.isEmpty()) {
        if (input instanceof SmtpInput.Command c && c.command() instanceof SmtpCommand.Data) {
          reader.startData(inputs::add);
        } else if (input instanceof SmtpInput.Command) {
          reader.resumeCommands(inputs::add);
        }
      }
    }
  }

  private static String render(SmtpInput input) {
    if (input instanceof SmtpInput.Message m) {
      return "message "
          + m.problem()
          + " "
          + (m.content() == null ? "-" : HexFormat.of().formatHex(m.content()));
    }
    if (input instanceof SmtpInput.Chunk c) {
      return "chunk " + c.size() + " " + c.last() + " " + HexFormat.of().formatHex(c.content());
    }
    return input.toString();
  }

  private static byte[] randomLine(Random random) {
    int length = random.nextInt(10) == 0 ? 0 : random.nextInt(80);
    byte[] line = new byte[length];
    for (int i = 0; i < length; i++) {
      line[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return line;
  }

  @Test
  void dotStuffedMessagesComeBackExactly() {
    Random random = new Random(20260101);
    for (int round = 0; round < 300; round++) {
      ByteArrayOutputStream original = new ByteArrayOutputStream();
      ByteArrayOutputStream wire = new ByteArrayOutputStream();
      wire.writeBytes("DATA\r\n".getBytes());
      int lines = random.nextInt(20);
      for (int i = 0; i < lines; i++) {
        byte[] line = randomLine(random);
        original.writeBytes(line);
        original.writeBytes("\r\n".getBytes());
        if (line.length > 0 && line[0] == '.') {
          wire.write('.'); // RFC 5321 §4.5.2 transparency
        }
        wire.writeBytes(line);
        wire.writeBytes("\r\n".getBytes());
      }
      wire.writeBytes(".\r\nNOOP\r\n".getBytes());
      List<String> got = read(wire.toByteArray(), random, LineEndPolicy.REJECT);
      assertThat(got)
          .containsExactly(
              new SmtpInput.Command(new SmtpCommand.Data()).toString(),
              "message NONE " + HexFormat.of().formatHex(original.toByteArray()),
              new SmtpInput.Command(new SmtpCommand.Noop()).toString());
    }
  }

  @Test
  void howBytesAreSplitNeverChangesTheOutcome() {
    Random random = new Random(77);
    String[] pieces = {
      "DATA\r\n",
      ".",
      "\r",
      "\n",
      "..",
      "x",
      "BDAT 3\r\n",
      "BDAT 0 LAST\r\n",
      "NOOP\r\n",
      "\r\n.\r\n",
      "STARTTLS\r\n",
      "RSET\r\n",
      "\n.\n",
      "\r.\r"
    };
    for (LineEndPolicy policy : LineEndPolicy.values()) {
      for (int round = 0; round < 300; round++) {
        StringBuilder text = new StringBuilder();
        int count = random.nextInt(40);
        for (int i = 0; i < count; i++) {
          text.append(pieces[random.nextInt(pieces.length)]);
        }
        byte[] bytes = text.toString().getBytes();
        assertThat(read(bytes, random, policy)).as("%s", text).isEqualTo(read(bytes, null, policy));
      }
    }
  }
}
