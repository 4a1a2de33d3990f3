package dev.mailvault.imap.handler;

import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.net.ClientNetwork;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.imap.codec.ImapCommand;
import dev.mailvault.imap.codec.ResponseCode;
import dev.mailvault.imap.session.ErrorResponses;
import dev.mailvault.imap.session.ImapFailure;
import dev.mailvault.imap.session.ImapSession;
import dev.mailvault.protocol.auth.FailedLogin;
import dev.mailvault.protocol.auth.PlaintextLogin;
import dev.mailvault.protocol.auth.SaslPlain;
import dev.mailvault.protocol.exec.DelayedAnswer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LOGIN, AUTHENTICATE PLAIN (with SASL-IR, RFC 4959), STARTTLS, UNAUTHENTICATE (RFC 8437) and
 * COMPRESS (RFC 4978). A login unlocks the alias in the directory and opens its mail, which drains
 * its spool into INBOX. Every failure gets the same answer after a delay that grows with the
 * failures of the login from the client's network ({@link LoginThrottle}, ADR 0171), and one line
 * in the security log. The unlock's Argon2id runs on the login pool (ADR 0186).
 */
final class LoginCommands {

  private static final Logger LOG = LoggerFactory.getLogger(LoginCommands.class);
  private static final String FAILED = "Authentication failed";
  private static final String PROTOCOL = "imap";

  private LoginCommands() {}

  static void login(ImapCommand.Login command, ImapSession session) throws MailvaultException {
    requirePrivacy(session);
    char[] password = command.password().toCharArray();
    try {
      authenticate(command.tag(), command.user(), password, session);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** RFC 9051 §6.2.2 and RFC 4616: PLAIN is {@code authzid NUL authcid NUL passwd}, base64. */
  static void authenticateCommand(ImapCommand.Authenticate command, ImapSession session)
      throws MailvaultException {
    if (!command.mechanism().equalsIgnoreCase("PLAIN")) {
      throw ImapFailure.no(ResponseCode.of("CANNOT"), "Unsupported authentication mechanism");
    }
    requirePrivacy(session);
    if (command.initialResponse() != null) {
      plain(command.tag(), command.initialResponse().getBytes(StandardCharsets.US_ASCII), session);
      return;
    }
    session.dispatcher().awaitLine(line -> plainQuietly(command.tag(), line, session));
    session.continuation("");
  }

  private static void plainQuietly(String tag, byte[] line, ImapSession session) {
    try {
      plain(tag, line, session);
    } catch (MailvaultException e) {
      ErrorResponses.Answer answer = ErrorResponses.of(e, false);
      session.status(tag, answer.condition(), answer.code(), answer.text());
    }
    session.flush();
  }

  private static void plain(String tag, byte[] response, ImapSession session)
      throws MailvaultException {
    try (SaslPlain plain = SaslPlain.decode(response)) {
      if (plain.actsAsAnother()) {
        fail(tag, plain.authcid(), session, "authzid-mismatch");
        return;
      }
      authenticate(tag, plain.authcid(), plain.password(), session);
    } catch (SaslPlain.InvalidResponse e) {
      throw ImapFailure.bad(e.getMessage()); // RFC 9051 §6.2.2
    }
  }

  /** Unlock, open, drain: the whole login, or the uniform failure. */
  private static void authenticate(String tag, String login, char[] password, ImapSession session)
      throws MailvaultException {
    var services = session.services();
    InetAddress client = session.transport().remoteAddress();
    ClientNetwork network = ClientNetwork.of(client);
    LoginThrottle.Admission admission = services.throttle().admit(login, network);
    if (admission.blocked()) {
      // Not counted, so the block is not extended (ADR 0171); logged, so fail2ban sees it.
      services.securityLog().authFailed(PROTOCOL, client, login, "blocked");
      answerLater(
          session,
          admission.delay(),
          () -> session.no(tag, ResponseCode.AUTHENTICATIONFAILED, FAILED));
      return;
    }
    // ADR 0186: Argon2id runs on the login pool; the rest of the login comes back here.
    PooledUnlock.start(
        session, tag, login, password, alias -> afterUnlock(tag, login, alias, admission, session));
  }

  /** On the session's executor once the unlock is done; {@code alias} null if it failed. */
  private static void afterUnlock(
      String tag,
      String login,
      UnlockedAlias alias,
      LoginThrottle.Admission admission,
      ImapSession session)
      throws MailvaultException {
    if (alias == null) {
      fail(tag, login, session, "bad-credentials");
      return;
    }
    var services = session.services();
    MailboxAccess mailbox;
    try (alias) {
      mailbox =
          services
              .mail()
              .open(
                  alias.vaultId(),
                  alias.dataKey(),
                  alias.spoolPrivateKey(),
                  services.directory().quotaLedger(alias.vaultId()));
    } catch (MailvaultException e) {
      // The vault id is random and says nothing about the person; the reason helps the operator.
      LOG.warn("vault {} could not be opened at login: {}", alias.vaultId(), e.getMessage());
      throw ImapFailure.no(ResponseCode.of("UNAVAILABLE"), "Mailbox unavailable, try again later");
    }
    services.throttle().succeeded(login, ClientNetwork.of(session.transport().remoteAddress()));
    services.securityLog().authSucceeded(PROTOCOL);
    session.loggedIn(alias.address(), mailbox);
    // During an account-wide slowdown a network the owner has not used lately waits even with the
    // right password, so the answer tells a guesser nothing sooner than a failure would.
    answerLater(
        session,
        admission.delay(),
        () ->
            session.ok(
                tag, ResponseCode.capability(session.table().capabilities(session)), "Logged in"));
  }

  /**
   * Every failure (unknown alias, wrong password, disabled, blocked) is the same NO after the same
   * kind of delay. The session's later commands wait for it.
   */
  private static void fail(String tag, String login, ImapSession session, String reason) {
    var services = session.services();
    Duration delay =
        FailedLogin.record(
            services.throttle(),
            services.securityLog(),
            PROTOCOL,
            session.transport().remoteAddress(),
            login,
            reason);
    answerLater(session, delay, () -> session.no(tag, ResponseCode.AUTHENTICATIONFAILED, FAILED));
  }

  /** Sends {@code answer} after {@code delay}; the session's later commands wait for it. */
  private static void answerLater(ImapSession session, Duration delay, Runnable answer) {
    DelayedAnswer.after(
        delay,
        session.executor(),
        session.services().timers(),
        () -> {
          answer.run();
          session.flush();
        });
  }

  /** RFC 9051 §6.2.3: no password in the clear unless TLS, loopback, or the operator allows it. */
  private static void requirePrivacy(ImapSession session) throws ImapFailure {
    if (!plaintextAllowed(session)) {
      throw ImapFailure.no(ResponseCode.PRIVACYREQUIRED, "Use STARTTLS before logging in");
    }
  }

  static boolean plaintextAllowed(ImapSession session) {
    return PlaintextLogin.allowed(
        session.transport().isSecure(),
        session.transport().remoteAddress(),
        session.services().limits().allowPlaintextAuth());
  }

  /** RFC 9051 §6.2.1: OK in the clear, then TLS; what the client sent meanwhile is dropped. */
  static void startTls(ImapCommand.StartTls command, ImapSession session)
      throws MailvaultException {
    if (session.transport().isSecure() || !session.transport().canStartTls()) {
      throw ImapFailure.bad("TLS is not available on this connection");
    }
    session.flush();
    session.executor().suspend();
    session.transport().startTls(okLine(command.tag(), "Begin TLS negotiation now"));
  }

  /** RFC 8437: back to NOT AUTHENTICATED, the mailbox given back. */
  static void unauthenticate(ImapCommand.Unauthenticate command, ImapSession session) {
    session.logOut(false);
    session.ok(command.tag(), "UNAUTHENTICATE completed");
  }

  /** RFC 4978: DEFLATE both ways once the OK has left uncompressed. */
  static void compress(ImapCommand.Compress command, ImapSession session)
      throws MailvaultException {
    if (!command.mechanism().equals("DEFLATE")) {
      throw ImapFailure.bad("Unknown compression mechanism");
    }
    if (session.transport().isCompressed()) {
      throw ImapFailure.no(ResponseCode.of("COMPRESSIONACTIVE"), "Already compressing");
    }
    session.flush();
    session.transport().startCompression(okLine(command.tag(), "DEFLATE active"));
  }

  private static byte[] okLine(String tag, String text) {
    return (tag + " OK " + text + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }
}
