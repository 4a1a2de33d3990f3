package dev.mailvault.pop3.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.testing.ExternalProgram;
import dev.mailvault.pop3.server.LivePop3Server;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's poplib, a client nobody here wrote: CAPA, APOP refused, STLS, USER/PASS, STAT, UIDL,
 * TOP, RETR with a dot-stuffed line, DELE and QUIT, then POP3S, where the delete is seen.
 */
class PoplibClientTest {

  @TempDir Path data;
  @TempDir Path work;

  @Test
  void poplibReadsTheMaildrop() throws Exception {
    assumeTrue(ExternalProgram.installed("python3"), "python3 is not installed");
    try (LivePop3Server server = LivePop3Server.start(data)) {
      server.addAlias("py@example.com");
      server.append(
          "py@example.com",
          "Subject: one\r\n\r\nfirst\r\n",
          "Subject: two\r\n\r\n.dotted\r\nsecond line\r\n");
      Path script = work.resolve("poplib_client.py");
      try (InputStream in = getClass().getResourceAsStream("/clients/poplib_client.py")) {
        Files.copy(in, script);
      }
      String output =
          ExternalProgram.run(
                  work,
                  Duration.ofSeconds(60),
                  "python3",
                  script.toString(),
                  Integer.toString(server.port()),
                  Integer.toString(server.tlsPort()),
                  "py@example.com",
                  LivePop3Server.PASSWORD)
              .requireSuccess()
              .output();
      assertThat(output)
          .contains("welcome +OK Mailvault POP3 ready")
          .contains(
              "capa ['AUTH-RESP-CODE', 'EXPIRE', 'IMPLEMENTATION', 'LOGIN-DELAY', 'PIPELINING',"
                  + " 'RESP-CODES', 'SASL', 'STLS', 'TOP', 'UIDL', 'USER', 'UTF8']")
          // poplib itself refuses APOP without a timestamp in the greeting; the server refuses
          // the command too.
          .contains("apop refused -ERR APOP not supported by server")
          .contains("apop-command refused -ERR [AUTH] APOP is not supported")
          .containsPattern("stls TLSv1\\.[23]")
          .contains("capa-after-stls False")
          .contains("pass +OK Logged in, 2 messages")
          .containsPattern("stat 2 \\d+")
          .containsPattern("uidl \\['1 [0-9a-f]{8}00000001', '2 [0-9a-f]{8}00000002'\\]")
          .contains("top ['Subject: two', '', '.dotted']")
          .contains("retr ['Subject: two', '', '.dotted', 'second line']")
          .contains("dele +OK Message 1 deleted")
          .contains("quit +OK Mailvault POP3 signing off (1 messages left)")
          .containsPattern("pop3s-stat \\(1, \\d+\\)")
          .containsPattern("pop3s-uidl \\['1 [0-9a-f]{8}00000002'\\]");
    }
  }
}
