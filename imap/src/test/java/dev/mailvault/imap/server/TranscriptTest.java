package dev.mailvault.imap.server;

import dev.mailvault.imap.session.ImapLimits;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every script under {@code src/test/resources/transcripts} against a live server, each with a
 * fresh, empty alias {@code hello@example.com} whose password is {@link LiveImapServer#PASSWORD}.
 * One server serves all scripts: starting one costs seconds, a fresh alias a fraction of that.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TranscriptTest {

  private LiveImapServer server;

  @BeforeAll
  void start(@TempDir Path data) throws Exception {
    server = LiveImapServer.start(data, ImapLimits.DEFAULTS, LiveImapServer.LENIENT_THROTTLE);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  static Stream<String> scripts() throws IOException, URISyntaxException {
    Path folder = Paths.get(TranscriptTest.class.getResource("/transcripts").toURI());
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(file -> file.toString().endsWith(".txt"))
          .map(file -> file.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  void transcript(String script) throws Exception {
    String text;
    try (InputStream in = TranscriptTest.class.getResourceAsStream("/transcripts/" + script)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    server.resetAlias("hello@example.com");
    TranscriptRunner.run(script, text, server.port());
  }
}
