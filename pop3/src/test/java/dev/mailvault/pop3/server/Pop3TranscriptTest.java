package dev.mailvault.pop3.server;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One transcript per command and per error (RFC 1939, RFC 2449, RFC 5034, RFC 6856), each on a
 * fresh alias whose INBOX holds the same three messages.
 */
class Pop3TranscriptTest {

  static final String ONE = "From: a@example.org\r\nSubject: one\r\n\r\nFirst.\r\n";
  static final String TWO =
      "From: b@example.org\r\nSubject: two\r\n\r\nline 1\r\n.dotted line 2\r\nline 3\r\n";
  static final String THREE = "Subject: three\r\n\r\n" + "x".repeat(100) + "\r\n";

  @TempDir static Path data;
  private static LivePop3Server server;
  private static final AtomicInteger ALIASES = new AtomicInteger();
  private String alias;

  @BeforeAll
  static void start() throws Exception {
    server = LivePop3Server.start(data);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void newAlias() throws Exception {
    alias = "t" + ALIASES.incrementAndGet() + "@example.com";
    server.addAlias(alias);
    server.append(alias, ONE, TWO, THREE);
  }

  private void run(String script) throws Exception {
    try (Pop3Client client = Pop3Client.connect(server.port())) {
      Transcript.run(client, script.replace("{ALIAS}", alias));
    }
  }

  private static final String LOGIN =
      """
      S: \\+OK Mailvault POP3 ready
      C: USER {ALIAS}
      S: \\+OK .*
      C: PASS {PASSWORD}
      S: \\+OK Logged in, 3 messages \\(\\d+ octets\\)
      """;

  @Test
  void greetingHasNoApopTimestampAndCapaListsTheTable() throws Exception {
    run(
        """
        S: \\+OK Mailvault POP3 ready
        C: CAPA
        S: \\+OK Capability list follows
        S: USER
        S: SASL PLAIN
        S: STLS
        S: UTF8 USER
        S: UIDL
        S: TOP
        S: RESP-CODES
        S: AUTH-RESP-CODE
        S: PIPELINING
        S: EXPIRE NEVER
        S: LOGIN-DELAY 0
        S: IMPLEMENTATION Mailvault
        S: \\.
        C: QUIT
        S: \\+OK Mailvault POP3 signing off
        CLOSED
        """);
  }

  @Test
  void capaAfterLoginHasNoStls() throws Exception {
    run(
        LOGIN
            + """
            C: CAPA
            S: \\+OK Capability list follows
            S: USER
            S: SASL PLAIN
            S: UTF8 USER
            S: UIDL
            S: TOP
            S: RESP-CODES
            S: AUTH-RESP-CODE
            S: PIPELINING
            S: EXPIRE NEVER
            S: LOGIN-DELAY 0
            S: IMPLEMENTATION Mailvault
            S: \\.
            """);
  }

  @Test
  void statListAndUidl() throws Exception {
    int one = ONE.length();
    int two = TWO.length();
    int three = THREE.length();
    run(
        LOGIN
            + """
            C: STAT
            S: \\+OK 3 %d
            C: LIST
            S: \\+OK 3 messages \\(%d octets\\)
            S: 1 %d
            S: 2 %d
            S: 3 %d
            S: \\.
            C: LIST 2
            S: \\+OK 2 %d
            C: UIDL
            S: \\+OK Unique-ID listing follows
            S: 1 [0-9a-f]{8}00000001
            S: 2 [0-9a-f]{8}00000002
            S: 3 [0-9a-f]{8}00000003
            S: \\.
            C: UIDL 3
            S: \\+OK 3 [0-9a-f]{8}00000003
            """
                .formatted(one + two + three, one + two + three, one, two, three, two));
  }

  @Test
  void retrIsDotStuffedAndTerminated() throws Exception {
    run(
        LOGIN
            + """
            C: RETR 2
            S: \\+OK %d octets
            S: From: b@example.org
            S: Subject: two
            S:
            S: line 1
            S: \\.\\.dotted line 2
            S: line 3
            S: \\.
            """
                .formatted(TWO.length()));
  }

  @Test
  void topSendsTheHeaderTheBlankLineAndNBodyLines() throws Exception {
    run(
        LOGIN
            + """
            C: TOP 2 2
            S: \\+OK Top of message follows
            S: From: b@example.org
            S: Subject: two
            S:
            S: line 1
            S: \\.\\.dotted line 2
            S: \\.
            C: TOP 1 0
            S: \\+OK Top of message follows
            S: From: a@example.org
            S: Subject: one
            S:
            S: \\.
            C: TOP 3 99
            S: \\+OK Top of message follows
            S: Subject: three
            S:
            S: x{100}
            S: \\.
            """);
  }

  @Test
  void deleHidesTheMessageAndRsetBringsItBack() throws Exception {
    run(
        LOGIN
            + """
            C: DELE 1
            S: \\+OK Message 1 deleted
            C: DELE 1
            S: -ERR Message 1 already deleted
            C: RETR 1
            S: -ERR Message 1 already deleted
            C: LIST 1
            S: -ERR Message 1 already deleted
            C: STAT
            S: \\+OK 2 \\d+
            C: LIST
            S: \\+OK 2 messages .*
            S: 2 \\d+
            S: 3 \\d+
            S: \\.
            C: RSET
            S: \\+OK 3 messages \\(\\d+ octets\\)
            C: STAT
            S: \\+OK 3 \\d+
            C: NOOP
            S: \\+OK
            """);
  }

  @Test
  void quitRemovesExactlyTheMarkedMessages() throws Exception {
    run(
        LOGIN
            + """
            C: DELE 2
            S: \\+OK Message 2 deleted
            C: QUIT
            S: \\+OK Mailvault POP3 signing off \\(2 messages left\\)
            CLOSED
            """);
    run(
        LOGIN.replace("3 messages", "2 messages")
            + """
            C: UIDL
            S: \\+OK Unique-ID listing follows
            S: 1 [0-9a-f]{8}00000001
            S: 2 [0-9a-f]{8}00000003
            S: \\.
            """);
  }

  @Test
  void aSessionThatEndsWithoutQuitRemovesNothing() throws Exception {
    try (Pop3Client client = Pop3Client.connect(server.port())) {
      Transcript.run(client, (LOGIN + "C: DELE 1\nS: \\+OK .*\n").replace("{ALIAS}", alias));
    }
    // The next login still finds three messages; the first session's end may still be running,
    // and it never removes anything.
    run(LOGIN + "C: STAT\nS: \\+OK 3 \\d+\n");
  }

  @Test
  void noSuchMessage() throws Exception {
    run(
        LOGIN
            + """
            C: RETR 4
            S: -ERR No such message
            C: LIST 9
            S: -ERR No such message
            C: TOP 4 1
            S: -ERR No such message
            C: DELE 4
            S: -ERR No such message
            C: UIDL 4
            S: -ERR No such message
            """);
  }

  @Test
  void syntaxErrors() throws Exception {
    run(
        LOGIN
            + """
            C: RETR
            S: -ERR RETR needs a message number
            C: RETR 0
            S: -ERR Invalid number
            C: RETR -1
            S: -ERR Invalid number
            C: TOP 1
            S: -ERR TOP needs a message number and a line count
            C: STAT now
            S: -ERR No arguments expected
            C: XYZZY
            S: -ERR Unknown command
            """);
  }

  @Test
  void commandsOutOfState() throws Exception {
    run(
        """
        S: \\+OK .*
        C: STAT
        S: -ERR STAT is not allowed now
        C: RETR 1
        S: -ERR RETR is not allowed now
        C: PASS {PASSWORD}
        S: -ERR USER first
        C: USER {ALIAS}
        S: \\+OK .*
        C: PASS {PASSWORD}
        S: \\+OK Logged in.*
        C: USER {ALIAS}
        S: -ERR USER is not allowed now
        C: STLS
        S: -ERR STLS is not allowed now
        """);
  }

  @Test
  void wrongPasswordIsAuthAndUserMustBeGivenAgain() throws Exception {
    run(
        """
        S: \\+OK .*
        C: USER {ALIAS}
        S: \\+OK .*
        C: PASS wrong password
        S: -ERR \\[AUTH\\] Authentication failed
        C: PASS {PASSWORD}
        S: -ERR USER first
        C: USER nobody@example.com
        S: \\+OK .*
        C: PASS {PASSWORD}
        S: -ERR \\[AUTH\\] Authentication failed
        """);
  }

  @Test
  void apopIsRefused() throws Exception {
    run(
        """
        S: \\+OK Mailvault POP3 ready
        C: APOP {ALIAS} c4c9334bac560ecc979e58001b3e22fb
        S: -ERR \\[AUTH\\] APOP is not supported.*
        """);
  }

  @Test
  void authPlainWithAnInitialResponse() throws Exception {
    run(
        """
        S: \\+OK .*
        C: AUTH PLAIN %s
        S: \\+OK Logged in, 3 messages .*
        C: STAT
        S: \\+OK 3 \\d+
        """
            .formatted(plain(alias, LivePop3Server.PASSWORD)));
  }

  @Test
  void authPlainAfterAContinuationAndCancelled() throws Exception {
    run(
        """
        S: \\+OK .*
        C: AUTH PLAIN
        S: \\+\\x20
        C: *
        S: -ERR Authentication cancelled
        C: AUTH PLAIN
        S: \\+\\x20
        C: %s
        S: -ERR \\[AUTH\\] Authentication failed
        C: AUTH PLAIN
        S: \\+\\x20
        C: %s
        S: \\+OK Logged in, 3 messages .*
        """
            .formatted(plain(alias, "wrong"), plain(alias, LivePop3Server.PASSWORD)));
  }

  @Test
  void authWithAnotherMechanismOrAnotherIdentityFails() throws Exception {
    run(
        """
        S: \\+OK .*
        C: AUTH CRAM-MD5
        S: -ERR Unsupported authentication mechanism
        C: AUTH PLAIN %s
        S: -ERR \\[AUTH\\] Authentication failed
        C: AUTH PLAIN not*base64
        S: -ERR Invalid base64
        """
            .formatted(
                java.util.Base64.getEncoder()
                    .encodeToString(
                        ("other@example.com\0" + alias + "\0" + LivePop3Server.PASSWORD)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8))));
  }

  @Test
  void utf8IsAcceptedBeforeLogin() throws Exception {
    run(
        """
        S: \\+OK .*
        C: UTF8
        S: \\+OK UTF8 enabled
        C: USER {ALIAS}
        S: \\+OK .*
        C: PASS {PASSWORD}
        S: \\+OK Logged in.*
        C: UTF8
        S: -ERR UTF8 is not allowed now
        """);
  }

  @Test
  void aLineOver255OctetsIsRefusedAndTheSessionStaysInStep() throws Exception {
    run(
        """
        S: \\+OK .*
        C: NOOP %s
        S: -ERR Line too long
        C: CAPA
        S: \\+OK Capability list follows
        """
            .formatted("x".repeat(300)));
  }

  @Test
  void tooManyBadCommandsCloseTheConnection() throws Exception {
    StringBuilder script = new StringBuilder("S: \\+OK .*\n");
    for (int i = 0; i < 9; i++) {
      script.append("C: BOGUS\nS: -ERR Unknown command\n");
    }
    script.append("C: BOGUS\nS: -ERR Too many bad commands, closing\nCLOSED\n");
    run(script.toString());
  }

  @Test
  void pipelinedCommandsAreAnsweredInOrder() throws Exception {
    try (Pop3Client client = Pop3Client.connect(server.port())) {
      client.expectOk();
      client.raw(
          ("USER "
                  + alias
                  + "\r\nPASS "
                  + LivePop3Server.PASSWORD
                  + "\r\nSTAT\r\nRETR 1\r\nQUIT\r\n")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      Transcript.run(
          client,
          """
          S: \\+OK .*
          S: \\+OK Logged in, 3 messages .*
          S: \\+OK 3 \\d+
          S: \\+OK \\d+ octets
          S: From: a@example.org
          S: Subject: one
          S:
          S: First\\.
          S: \\.
          S: \\+OK Mailvault POP3 signing off \\(3 messages left\\)
          CLOSED
          """);
    }
  }

  @Test
  void nothingPipelinedBehindQuitIsRun() throws Exception {
    try (Pop3Client client = Pop3Client.connect(server.port())) {
      client.expectOk();
      client.raw(
          ("QUIT\r\nUSER " + alias + "\r\nPASS " + LivePop3Server.PASSWORD + "\r\n")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      Transcript.run(
          client,
          """
          S: \\+OK Mailvault POP3 signing off
          CLOSED
          """);
    }
  }

  static String plain(String user, String password) {
    return java.util.Base64.getEncoder()
        .encodeToString(
            ("\0" + user + "\0" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
