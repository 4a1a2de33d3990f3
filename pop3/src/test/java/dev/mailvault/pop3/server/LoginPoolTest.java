package dev.mailvault.pop3.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailvault.core.crypto.Argon2Params;
import dev.mailvault.directory.jdbc.DirectoryOptions;
import dev.mailvault.protocol.exec.LoginPoolSize;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logins derive on the login pool (ADR 0186): when its queue is full, a login is told {@code -ERR
 * [SYS/TEMP]} at once, which is the server's limit and not a failed login; and commands pipelined
 * behind a login wait for it.
 */
class LoginPoolTest {

  private final GatedKdf kdf = new GatedKdf();

  private LivePop3Server start(Path data, LoginPoolSize pool) throws Exception {
    // Cheap parameters: the test is about where derivations run, not what they cost.
    LivePop3Server server =
        LivePop3Server.start(data, new DirectoryOptions(kdf, new Argon2Params(256, 1, 1)), pool);
    server.addAlias("pool@example.com");
    return server;
  }

  @Test
  void aLoginThatFindsTheLoginPoolFullIsToldAtOnce(@TempDir Path data) throws Exception {
    try (LivePop3Server server = start(data, new LoginPoolSize(1, 0));
        Pop3Client first = Pop3Client.connect(server.port());
        Pop3Client second = Pop3Client.connect(server.port())) {
      first.expectOk();
      second.expectOk();
      try {
        first.send("USER nobody@example.com");
        first.expectOk();
        first.send("PASS " + GatedKdf.GATED);
        await().atMost(Duration.ofSeconds(30)).until(() -> kdf.waiting() == 1);
        assertThat(second.command("USER pool@example.com")).startsWith("+OK");
        assertThat(second.command("PASS " + LivePop3Server.PASSWORD))
            .isEqualTo("-ERR [SYS/TEMP] Too many logins at once, try again later");
      } finally {
        kdf.open();
      }
      assertThat(first.line()).isEqualTo("-ERR [AUTH] Authentication failed");
      // Not counted as a failure: the same session logs in once there is room.
      assertThat(second.command("USER pool@example.com")).startsWith("+OK");
      assertThat(second.command("PASS " + LivePop3Server.PASSWORD)).startsWith("+OK Logged in");
    }
  }

  @Test
  void commandsPipelinedBehindALoginRunAfterIt(@TempDir Path data) throws Exception {
    try (LivePop3Server server = start(data, new LoginPoolSize(1, 4));
        Pop3Client client = Pop3Client.connect(server.port())) {
      server.append("pool@example.com", "Subject: x\r\n\r\nx\r\n");
      client.expectOk();
      client.raw(
          ("USER pool@example.com\r\nPASS " + LivePop3Server.PASSWORD + "\r\nSTAT\r\nNOOP\r\n")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      assertThat(client.line()).startsWith("+OK");
      assertThat(client.line()).startsWith("+OK Logged in, 1 messages");
      assertThat(client.line()).matches("\\+OK 1 \\d+");
      assertThat(client.line()).isEqualTo("+OK");
    }
  }
}
