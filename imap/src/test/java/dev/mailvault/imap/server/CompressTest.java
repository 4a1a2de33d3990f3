package dev.mailvault.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 4978 COMPRESS=DEFLATE: after the tagged OK both directions are raw DEFLATE (RFC 1951, no zlib
 * header), each side flushing so the other can read every response as it comes.
 */
class CompressTest {

  @Test
  void commandsAndResponsesFlowCompressedAfterTheOk(@TempDir Path data) throws Exception {
    try (LiveImapServer server = LiveImapServer.start(data)) {
      server.addAlias("hello@example.com");
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        socket.setSoTimeout(30_000);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        TranscriptRunner.readLine(in);
        out.write(
            ("a1 LOGIN hello@example.com \"" + LiveImapServer.PASSWORD + "\"\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(TranscriptRunner.readLine(in)).startsWith("a1 OK");
        out.write("a2 COMPRESS DEFLATE\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(TranscriptRunner.readLine(in)).isEqualTo("a2 OK DEFLATE active");

        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        Inflater inflater = new Inflater(true);
        sendCompressed(out, deflater, "a3 CAPABILITY\r\n");
        String capability = readCompressedLine(in, inflater);
        assertThat(capability).startsWith("* CAPABILITY").doesNotContain("COMPRESS=DEFLATE");
        assertThat(readCompressedLine(in, inflater)).isEqualTo("a3 OK CAPABILITY completed");
        sendCompressed(out, deflater, "a4 COMPRESS DEFLATE\r\n");
        assertThat(readCompressedLine(in, inflater))
            .isEqualTo("a4 NO [COMPRESSIONACTIVE] Already compressing");
        sendCompressed(out, deflater, "a5 SELECT INBOX\r\n");
        String line;
        do {
          line = readCompressedLine(in, inflater);
        } while (!line.startsWith("a5 "));
        assertThat(line).isEqualTo("a5 OK [READ-WRITE] SELECT completed");
      }
    }
  }

  @Test
  void aDeflateBombEndsTheConnectionInsteadOfBeingInflated(@TempDir Path data) throws Exception {
    try (LiveImapServer server = LiveImapServer.start(data)) {
      server.addAlias("hello@example.com");
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        TranscriptRunner.readLine(in);
        out.write(
            ("a1 LOGIN hello@example.com \"" + LiveImapServer.PASSWORD + "\"\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(TranscriptRunner.readLine(in)).startsWith("a1 OK");
        out.write("a2 COMPRESS DEFLATE\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(TranscriptRunner.readLine(in)).isEqualTo("a2 OK DEFLATE active");
        // 8 MiB of one byte deflate to about 8 KiB: a thousandfold expansion, beyond the cap of
        // 50 times the compressed input plus 1 MiB (ADR 0168).
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        sendCompressed(out, deflater, "a3 NOOP " + "x".repeat(8 * 1024 * 1024));
        Inflater inflater = new Inflater(true);
        assertThat(readCompressedLine(in, inflater))
            .isEqualTo("* BYE Compressed input expands too much; closing the connection");
        assertThat(readCompressedLine(in, inflater)).isEqualTo("<closed>");
      }
    }
  }

  private static void sendCompressed(OutputStream out, Deflater deflater, String text)
      throws Exception {
    deflater.setInput(text.getBytes(StandardCharsets.US_ASCII));
    byte[] buffer = new byte[4096];
    int n;
    while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
      out.write(buffer, 0, n);
    }
    out.flush();
  }

  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  /** Inflates what arrives until a whole CRLF line is there. */
  private String readCompressedLine(InputStream in, Inflater inflater) throws Exception {
    byte[] raw = new byte[4096];
    byte[] plain = new byte[8192];
    while (true) {
      byte[] sofar = pending.toByteArray();
      for (int i = 1; i < sofar.length; i++) {
        if (sofar[i - 1] == '\r' && sofar[i] == '\n') {
          pending.reset();
          pending.write(sofar, i + 1, sofar.length - i - 1);
          return new String(sofar, 0, i - 1, StandardCharsets.US_ASCII);
        }
      }
      int n = inflater.inflate(plain);
      if (n > 0) {
        pending.write(plain, 0, n);
        continue;
      }
      int read = in.read(raw);
      if (read < 0) {
        return "<closed>";
      }
      inflater.setInput(raw, 0, read);
    }
  }
}
