package dev.mailvault.imap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailvault.core.crypto.Argon2Params;
import dev.mailvault.directory.jdbc.DirectoryOptions;
import dev.mailvault.imap.session.ImapLimits;
import dev.mailvault.protocol.exec.LoginPoolSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0186: a login's Argon2id runs on a pool of its own, so logins waiting for their derivation
 * hold none of the workers other sessions' commands run on, and a full login pool says so at once.
 * The derivations wait at a gate the test opens, so nothing here depends on timing.
 */
class LoginPoolTest {

  private static final String GATED_LOGIN = " LOGIN nobody@example.com \"" + GatedKdf.GATED + "\"";

  /** The IMAP worker pool's size (ImapServer), so the waiting logins would fill every worker. */
  private static final int WORKERS = Math.max(8, Runtime.getRuntime().availableProcessors() * 4);

  private final GatedKdf kdf = new GatedKdf();

  @Test
  void loginsWaitingForTheirDerivationDoNotHoldUpALoggedInSession(@TempDir Path data)
      throws Exception {
    List<ScriptedImapClient> waiting = new ArrayList<>();
    try (LiveImapServer server = start(data, new LoginPoolSize(1, 4 * WORKERS));
        ScriptedImapClient owner = loggedIn(server)) {
      try {
        for (int i = 0; i < WORKERS + 2; i++) {
          ScriptedImapClient client = ScriptedImapClient.connect(server.port());
          waiting.add(client);
          client.send("g" + i + GATED_LOGIN + "\r\n");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> kdf.waiting() == 1);

        // More logins are in flight than there are workers, and none of them is answered yet.
        owner.ok("NOOP");
        owner.ok("SELECT INBOX");
        assertThat(waiting.get(0).available()).isEmpty();
      } finally {
        kdf.open();
      }
      for (int i = 0; i < waiting.size(); i++) {
        assertThat(waiting.get(i).next()).startsWith("g" + i + " NO [AUTHENTICATIONFAILED]");
      }
    } finally {
      for (ScriptedImapClient client : waiting) {
        client.close();
      }
    }
  }

  @Test
  void aLoginThatFindsTheLoginPoolFullIsToldAtOnce(@TempDir Path data) throws Exception {
    try (LiveImapServer server = start(data, new LoginPoolSize(1, 0));
        ScriptedImapClient first = ScriptedImapClient.connect(server.port());
        ScriptedImapClient second = ScriptedImapClient.connect(server.port())) {
      try {
        first.send("a1" + GATED_LOGIN + "\r\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> kdf.waiting() == 1);

        List<String> answer =
            second.run("LOGIN hello@example.com \"" + LiveImapServer.PASSWORD + "\"");
        assertThat(answer).hasSize(1);
        assertThat(answer.get(0)).matches("t1 NO \\[UNAVAILABLE\\] .*");
      } finally {
        kdf.open();
      }
      assertThat(first.next()).startsWith("a1 NO [AUTHENTICATIONFAILED]");
      // The refusal was not a failed login: the same session logs in once there is room.
      second.ok("LOGIN hello@example.com \"" + LiveImapServer.PASSWORD + "\"");
    }
  }

  @Test
  void commandsPipelinedBehindALoginRunAfterIt(@TempDir Path data) throws Exception {
    try (LiveImapServer server = start(data, new LoginPoolSize(1, 4));
        ScriptedImapClient client = ScriptedImapClient.connect(server.port())) {
      client.send(
          "a1 LOGIN hello@example.com \""
              + LiveImapServer.PASSWORD
              + "\"\r\na2 SELECT INBOX\r\na3 NOOP\r\n");
      List<String> tagged = new ArrayList<>();
      while (tagged.size() < 3) {
        String line = client.next();
        if (!line.startsWith("*")) {
          tagged.add(line);
        }
      }
      assertThat(tagged.get(0)).startsWith("a1 OK");
      assertThat(tagged.get(1)).startsWith("a2 OK");
      assertThat(tagged.get(2)).startsWith("a3 OK");
    }
  }

  private LiveImapServer start(Path data, LoginPoolSize loginPool) throws Exception {
    ImapLimits defaults = ImapLimits.DEFAULTS;
    ImapLimits limits =
        new ImapLimits(
            defaults.maxLineLength(),
            defaults.appendLimit(),
            defaults.idleLogout(),
            defaults.idleKeepAlive(),
            defaults.maxIdle(),
            WORKERS + 10,
            defaults.allowPlaintextAuth());
    // Cheap parameters: the test is about where derivations run, not what they cost.
    DirectoryOptions options = new DirectoryOptions(kdf, new Argon2Params(256, 1, 1));
    LiveImapServer server = LiveImapServer.start(data, limits, options, loginPool);
    server.addAlias("hello@example.com");
    return server;
  }

  private static ScriptedImapClient loggedIn(LiveImapServer server) throws Exception {
    return ScriptedImapClient.login(server.port(), "hello@example.com");
  }
}
