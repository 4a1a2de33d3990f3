package dev.mailvault.server.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * Postfix's {@code smtp-sink} on 127.0.0.1 as a slow destination: it waits a whole number of
 * seconds before its {@code 354} to each DATA ({@code -w}), and writes every transaction into a
 * file of its own ({@code -d}). A transaction cut before its final dot leaves a file without the
 * message's last line, so {@link #messages} returns only the whole ones.
 */
final class SmtpSink implements AutoCloseable {

  private final Path dumps;
  private final int port;
  private final Process process;

  private SmtpSink(Path dumps, int port, Process process) {
    this.dumps = dumps;
    this.port = port;
    this.process = process;
  }

  /**
   * Starts the sink on a free port, waiting {@code dataDelaySeconds} before each 354; its files go
   * to a fresh directory under /tmp that the unprivileged sink can write.
   */
  static SmtpSink start(int dataDelaySeconds) throws IOException {
    Path dumps = Files.createTempDirectory("mailvault-sink");
    Files.setPosixFilePermissions(dumps, PosixFilePermissions.fromString("rwxrwxrwx"));
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Process process =
        new ProcessBuilder(
                "smtp-sink",
                "-u",
                "nobody",
                "-w",
                Integer.toString(dataDelaySeconds),
                "-m",
                "512",
                "-d",
                dumps + "/%M.",
                "127.0.0.1:" + port,
                "512")
            .redirectErrorStream(true)
            .redirectOutput(dumps.resolveSibling(dumps.getFileName() + ".log").toFile())
            .start();
    SmtpSink sink = new SmtpSink(dumps, port, process);
    Awaitility.await("smtp-sink listening")
        .atMost(30, TimeUnit.SECONDS)
        .pollInterval(20, TimeUnit.MILLISECONDS)
        .until(sink::answers);
    return sink;
  }

  int port() {
    return port;
  }

  private boolean answers() {
    if (!process.isAlive()) {
      throw new IllegalStateException("smtp-sink exited " + process.exitValue());
    }
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return socket.getInputStream().read() == '2';
    } catch (IOException e) {
      return false;
    }
  }

  /** The whole messages received so far, as the sink wrote them (LF line ends). */
  List<String> messages(String lastLinePrefix) throws IOException {
    List<String> whole = new ArrayList<>();
    try (Stream<Path> files = Files.list(dumps)) {
      for (Path file : files.sorted().toList()) {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        if (text.contains("\n" + lastLinePrefix)) {
          whole.add(text);
        }
      }
    }
    return whole;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    try (Stream<Path> all = Files.walk(dumps)) {
      for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
    Files.deleteIfExists(dumps.resolveSibling(dumps.getFileName() + ".log"));
  }
}
