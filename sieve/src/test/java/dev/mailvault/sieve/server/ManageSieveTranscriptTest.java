package dev.mailvault.sieve.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.net.ReadPace;
import dev.mailvault.protocol.net.SessionDeadlines;
import dev.mailvault.sieve.session.ManageSieveLimits;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ManageSieve (RFC 5804) as a client sees it, one transaction per test, against a real server on a
 * real directory. The client is on loopback, where PLAIN is allowed without TLS (as for IMAP and
 * POP3); the STARTTLS path is {@link SieveConnectTest}'s.
 */
class ManageSieveTranscriptTest {

  @TempDir Path data;
  private LiveSieveServer server;
  private SieveClient client;

  @BeforeEach
  void start() throws Exception {
    server = LiveSieveServer.start(data);
    server.addAlias("alice@example.com");
    client = SieveClient.connect(server.port());
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
  }

  @Test
  void greetingListsTheCapabilities() throws Exception {
    client.run(
        """
        S: "IMPLEMENTATION" "Mailvault"
        S: "UNAUTHENTICATE"
        S: "SIEVE" "fileinto reject ereject envelope imap4flags body variables copy vacation relational comparator-i;ascii-numeric subaddress date index regex mailbox encoded-character"
        S: "MAXREDIRECTS" "4"
        S: "VERSION" "1.0"
        S: "SASL" "PLAIN"
        S: "STARTTLS"
        S: OK "Mailvault ManageSieve ready"
        C: CAPABILITY
        S: "IMPLEMENTATION" "Mailvault"
        S: "UNAUTHENTICATE"
        S: "SIEVE" ".*"
        S: "MAXREDIRECTS" "4"
        S: "VERSION" "1.0"
        S: "SASL" "PLAIN"
        S: "STARTTLS"
        S: OK "Capability completed"
        """);
  }

  @Test
  void aWholeSessionUploadsListsActivatesReadsAndDeletes() throws Exception {
    client.greeting();
    client.run(
        """
        C: AUTHENTICATE "PLAIN" "{PLAIN alice@example.com}"
        S: OK "Logged in"
        C: HAVESPACE "main" 100
        S: OK "Putscript would succeed"
        C: PUTSCRIPT "main" {40+}
        C: require "fileinto";
        C: fileinto "Lists";
        C:
        S: OK "Putscript completed"
        C: putscript "second" "keep;"
        S: OK "Putscript completed"
        C: LISTSCRIPTS
        S: "main"
        S: "second"
        S: OK "Listscripts completed"
        C: SETACTIVE "main"
        S: OK "Setactive completed"
        C: LISTSCRIPTS
        S: "main" ACTIVE
        S: "second"
        S: OK "Listscripts completed"
        C: GETSCRIPT "main"
        S: \\{40}
        S: require "fileinto";
        S: fileinto "Lists";
        S:
        S: OK "Getscript completed"
        C: DELETESCRIPT "main"
        S: NO \\(ACTIVE\\) "The active script cannot be deleted"
        C: RENAMESCRIPT "main" "second"
        S: NO \\(ALREADYEXISTS\\) "A script of that name exists"
        C: RENAMESCRIPT "main" "renamed"
        S: OK "Renamescript completed"
        C: SETACTIVE ""
        S: OK "No script is active now"
        C: DELETESCRIPT "renamed"
        S: OK "Deletescript completed"
        C: GETSCRIPT "renamed"
        S: NO \\(NONEXISTENT\\) "No such script"
        C: NOOP "t1"
        S: OK \\(TAG "t1"\\) "Done"
        C: LOGOUT
        S: OK "Logout completed"
        CLOSED
        """);
    assertThat(server.directory().sieveScripts(EmailAddress.parse("alice@example.com")))
        .extracting(s -> s.name())
        .containsExactly("second");
  }

  @Test
  void aScriptWithAnErrorIsRefusedWithItsLine() throws Exception {
    client.greeting();
    client.run(
        """
        C: AUTHENTICATE "PLAIN" "{PLAIN alice@example.com}"
        S: OK "Logged in"
        C: PUTSCRIPT "bad" {33+}
        C: keep;
        C: fileinto "Lists";
        C: stop;
        C:
        S: NO "line 2: .*"
        C: CHECKSCRIPT "frobnicate;"
        S: NO "line 1: .*"
        C: CHECKSCRIPT "keep;"
        S: OK "Script is valid"
        C: LISTSCRIPTS
        S: OK "Listscripts completed"
        """);
  }

  @Test
  void authenticateWithAContinuationAndCancel() throws Exception {
    client.greeting();
    client.run(
        """
        C: AUTHENTICATE "PLAIN"
        S: ""
        C: "*"
        S: NO "Authentication cancelled"
        C: AUTHENTICATE "PLAIN"
        S: ""
        C: {PLAIN alice@example.com}
        S: NO "Authentication cancelled: .*"
        C: AUTHENTICATE "PLAIN"
        S: ""
        C: "{PLAIN alice@example.com}"
        S: OK "Logged in"
        C: AUTHENTICATE "PLAIN"
        S: NO "AUTHENTICATE is not allowed after authentication"
        C: UNAUTHENTICATE
        S: OK "Unauthenticate completed"
        C: LISTSCRIPTS
        S: NO "Authenticate first"
        """);
  }

  @Test
  void aWrongPasswordIsRefusedAfterTheThrottlesDelayAndTheRightOneStillWorks() throws Exception {
    client.greeting();
    String wrong = SieveClient.plain("alice@example.com", "wrong password");
    client.run(
        "C: AUTHENTICATE \"PLAIN\" \""
            + wrong
            + "\"\nS: NO \"Authentication failed\"\n"
            + "C: AUTHENTICATE \"PLAIN\" \"{PLAIN nobody@example.com}\"\n"
            + "S: NO \"Authentication failed\"\n"
            + "C: AUTHENTICATE \"DIGEST-MD5\"\nS: NO \"Unsupported authentication mechanism\"\n"
            + "C: AUTHENTICATE \"PLAIN\" \"{PLAIN alice@example.com}\"\nS: OK \"Logged in\"\n");
  }

  @Test
  void limitsAndBadInputGetProtocolAnswers() throws Exception {
    client.greeting();
    int max = server.directory().sieveLimits().maxScriptOctets();
    client.run(
        "C: AUTHENTICATE \"PLAIN\" \"{PLAIN alice@example.com}\"\nS: OK \"Logged in\"\n"
            + "C: HAVESPACE \"big\" "
            + (max + 1)
            + "\nS: NO \\(QUOTA/MAXSIZE\\) \"Scripts may have at most "
            + max
            + " octets\"\n"
            + "C: PUTSCRIPT \"big\" {"
            + (max + 1)
            + "+}\n");
    client.sendRaw(new byte[max + 1]);
    client.run(
        """
        C:
        S: NO \\(QUOTA/MAXSIZE\\) "Too large"
        C: PUTSCRIPT "x"
        S: NO "PUTSCRIPT takes 2 arguments"
        C: PUTSCRIPT "a\\nb" "keep;"
        S: NO "Invalid escape in a quoted string"
        C: STARTTLS
        S: NO "STARTTLS is not allowed after authentication"
        C: FROB
        S: NO "Unknown command"
        C: SETACTIVE "nope"
        S: NO \\(NONEXISTENT\\) "No such script"
        """);
  }

  @Test
  void tooManyBadCommandsEndTheConnection() throws Exception {
    client.greeting();
    StringBuilder script = new StringBuilder();
    for (int i = 1; i < ManageSieveLimits.DEFAULTS.errorBudget(); i++) {
      script.append("C: FROB\nS: NO \"Unknown command\"\n");
    }
    script.append("C: FROB\nS: BYE \"Too many bad commands\"\nCLOSED\n");
    client.run(script.toString());
  }

  @Test
  void aLoginThatTakesTooLongIsEndedWithBye() throws Exception {
    client.close();
    server.close();
    server =
        LiveSieveServer.start(
            data.resolve("slow"),
            ManageSieveLimits.DEFAULTS,
            new SessionDeadlines(
                Duration.ofMillis(300), new ReadPace.Policy(1024, Duration.ofSeconds(30)), 10));
    client = SieveClient.connect(server.port());
    client.greeting();
    client.run(
        """
        S: BYE "Login took too long"
        CLOSED
        """);
  }
}
