package dev.mailvault.sieve.handler;

import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.net.ClientNetwork;
import dev.mailvault.directory.AuthenticationFailedException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.protocol.auth.FailedLogin;
import dev.mailvault.protocol.auth.SaslPlain;
import dev.mailvault.protocol.exec.DelayedAnswer;
import dev.mailvault.protocol.exec.PooledLogin;
import dev.mailvault.sieve.codec.CommandParser;
import dev.mailvault.sieve.codec.ParseException;
import dev.mailvault.sieve.codec.Responses;
import dev.mailvault.sieve.codec.SieveCommand;
import dev.mailvault.sieve.session.SieveFailure;
import dev.mailvault.sieve.session.SieveSession;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * AUTHENTICATE "PLAIN" (RFC 5804 §2.1, RFC 4616), with the initial response or after the server's
 * empty challenge; {@code "*"} cancels. The login is IMAP's and POP3's: the node's throttle admits
 * it (ADR 0171), the directory unlocks the alias on the login pool (ADR 0186) to prove the password
 * and the key is closed at once (scripts live in the directory, not the vault). Every failure is
 * the same {@code NO} after the throttle's delay, and one line in the security log (protocol {@code
 * managesieve}).
 */
final class Authenticate {

  private static final String PROTOCOL = "managesieve";
  private static final String FAILED = "Authentication failed";

  private Authenticate() {}

  static void authenticate(SieveCommand.Authenticate command, SieveSession session)
      throws SieveFailure {
    if (!command.mechanism().toUpperCase(Locale.ROOT).equals("PLAIN")) {
      throw SieveFailure.of("Unsupported authentication mechanism");
    }
    if (!ManageSieveCommands.passwordsAllowed(session)) {
      // RFC 5804 §1.3: the connection must be encrypted before a password is sent.
      throw SieveFailure.withCode(
          SieveFailure.ENCRYPT_NEEDED, "PLAIN needs TLS; use STARTTLS first");
    }
    if (command.initialResponse() != null) {
      plain(command.initialResponse(), session);
      return;
    }
    session.awaitSaslResponse(
        request -> session.dispatcher().attempt("AUTHENTICATE", () -> response(request, session)));
    session.write(Responses.challenge(""));
  }

  private static void response(byte[] request, SieveSession session) throws SieveFailure {
    byte[] response;
    try {
      response = CommandParser.saslResponse(request);
    } catch (ParseException e) {
      throw SieveFailure.of("Authentication cancelled: " + e.getMessage());
    }
    try {
      plain(response, session);
    } finally {
      Arrays.fill(response, (byte) 0);
    }
  }

  private static void plain(byte[] response, SieveSession session) throws SieveFailure {
    try (SaslPlain plain = SaslPlain.decode(response)) {
      if (plain.actsAsAnother()) {
        fail(plain.authcid(), session, "authzid-mismatch");
        return;
      }
      login(plain.authcid(), plain.password(), session);
    } catch (SaslPlain.InvalidResponse e) {
      throw SieveFailure.of(e.getMessage());
    }
  }

  /** Starts the login; the answer comes later, after the unlock and the throttle's delay. */
  private static void login(String login, char[] password, SieveSession session)
      throws SieveFailure {
    var services = session.services();
    InetAddress client = session.transport().remoteAddress();
    LoginThrottle.Admission admission = services.throttle().admit(login, ClientNetwork.of(client));
    if (admission.blocked()) {
      // Not counted, so the block is not extended (ADR 0171); logged, so fail2ban sees it.
      services.securityLog().authFailed(PROTOCOL, client, login, "blocked");
      answerLater(session, admission.delay(), () -> session.no(null, FAILED));
      return;
    }
    Directory directory = services.directory();
    char[] copy = password.clone();
    boolean started =
        PooledLogin.start(
            session.executor(),
            services.logins(),
            () -> unlock(directory, login, copy),
            (alias, bug) -> finish(session, login, alias, bug, admission),
            UnlockedAlias::close);
    if (!started) {
      Arrays.fill(copy, '\0');
      // Our limit, not the client's mistake: not counted as a failed login.
      throw SieveFailure.withCode(SieveFailure.TRYLATER, "Too many logins at once");
    }
  }

  /** On the login pool: the alias, or null for wrong credentials. */
  private static UnlockedAlias unlock(Directory directory, String login, char[] password) {
    try {
      return directory.unlock(login, password);
    } catch (AuthenticationFailedException e) {
      return null;
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** On the session's executor, ahead of every command the client pipelined meanwhile. */
  private static void finish(
      SieveSession session,
      String login,
      UnlockedAlias alias,
      RuntimeException bug,
      LoginThrottle.Admission admission) {
    session
        .dispatcher()
        .attempt(
            "AUTHENTICATE",
            () -> {
              if (alias == null) {
                if (bug != null) {
                  throw bug;
                }
                fail(login, session, "bad-credentials");
                return;
              }
              try (alias) {
                if (bug != null) {
                  throw bug;
                }
                session
                    .services()
                    .throttle()
                    .succeeded(login, ClientNetwork.of(session.transport().remoteAddress()));
                session.services().securityLog().authSucceeded(PROTOCOL);
                session.loggedIn(alias.address());
              }
              // As IMAP: during an account-wide slowdown the right password waits too.
              answerLater(session, admission.delay(), () -> session.ok(null, "Logged in"));
            });
    session.flush();
  }

  private static void fail(String login, SieveSession session, String reason) {
    var services = session.services();
    Duration delay =
        FailedLogin.record(
            services.throttle(),
            services.securityLog(),
            PROTOCOL,
            session.transport().remoteAddress(),
            login,
            reason);
    answerLater(session, delay, () -> session.no(null, FAILED));
  }

  private static void answerLater(SieveSession session, Duration delay, Runnable answer) {
    DelayedAnswer.after(
        delay,
        session.executor(),
        session.services().timers(),
        () -> {
          answer.run();
          session.flush();
        });
  }
}
