package dev.mailvault.imap.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every script under {@code src/test/resources/transcripts} against a fresh live server with
 * one alias, {@code hello@example.com}, whose password is {@link LiveImapServer#PASSWORD}.
 */
class TranscriptTest {

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
  void transcript(String script, @TempDir Path data) throws Exception {
    String text;
    try (InputStream in = TranscriptTest.class.getResourceAsStream("/transcripts/" + script)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (LiveImapServer server = LiveImapServer.start(data)) {
      server.addAlias("hello@example.com");
      TranscriptRunner.run(script, text, server.port());
    }
  }
}
