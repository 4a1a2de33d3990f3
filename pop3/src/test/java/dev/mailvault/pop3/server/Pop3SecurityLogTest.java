package dev.mailvault.pop3.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mailvault.core.security.SecurityLog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Failed POP3 logins are security log lines with protocol {@code pop3} (ADR 0172), named by the
 * hashed login and never with the password, whichever way the client logged in.
 */
class Pop3SecurityLogTest {

  @TempDir Path data;

  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private Logger security;

  @BeforeEach
  void capture() {
    security = (Logger) LoggerFactory.getLogger(SecurityLog.LOGGER);
    captured.setContext(security.getLoggerContext());
    captured.start();
    security.addAppender(captured);
    security.setLevel(Level.INFO);
  }

  @AfterEach
  void release() {
    security.detachAppender(captured);
    security.setLevel(null);
  }

  @Test
  void failedLoginsAreLoggedAsPop3WithoutThePassword() throws Exception {
    try (LivePop3Server server = LivePop3Server.start(data)) {
      server.addAlias("log@example.com");
      try (Pop3Client client = Pop3Client.connect(server.port())) {
        Transcript.run(
            client,
            """
            S: \\+OK .*
            C: USER log@example.com
            S: \\+OK .*
            C: PASS hunter2-wrong
            S: -ERR \\[AUTH\\] Authentication failed
            C: AUTH PLAIN %s
            S: -ERR \\[AUTH\\] Authentication failed
            """
                .formatted(Pop3TranscriptTest.plain("log@example.com", "hunter2-wrong")));
      }
    }
    List<String> lines = captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines)
        .hasSize(2)
        .allMatch(line -> line.startsWith("security: auth-failed proto=pop3 client=127.0.0.1 "))
        .allMatch(line -> line.endsWith(" reason=bad-credentials"))
        .noneMatch(line -> line.contains("hunter2") || line.contains("log@example.com"));
  }
}
