package dev.mailvault.smtp.session;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.net.ClientNetwork;
import dev.mailvault.directory.AuthenticationFailedException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.protocol.auth.FailedLogin;
import dev.mailvault.protocol.exec.DelayedAnswer;
import dev.mailvault.protocol.exec.PooledLogin;
import dev.mailvault.smtp.codec.SmtpReply;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login AUTH ends in, as IMAP's and POP3's: the node's throttle admits it (ADR 0171), the
 * directory unlocks the alias with its password on the login pool (ADR 0186), and every failure is
 * the same 535 after the throttle's delay, with one line in the security log (protocol {@code
 * submission}). Only the alias's address is kept: submission opens no vault.
 *
 * <p>Every answer here also lets the paused reader read commands again.
 */
final class SubmissionLogin {

  private static final Logger LOG = LoggerFactory.getLogger(SubmissionLogin.class);

  static final String PROTOCOL = "submission";

  /** RFC 4954 §6: 535 5.7.8, authentication credentials invalid. */
  private static final SmtpReply FAILED =
      SmtpReply.of(535, "5.7.8", "Authentication credentials invalid");

  /** RFC 4954 §6: 454 4.7.0, temporary authentication failure. */
  private static final SmtpReply TEMPORARY =
      SmtpReply.of(454, "4.7.0", "Temporary authentication failure; try again later");

  private SubmissionLogin() {}

  /** Starts the login; the answer comes later, after the unlock and the throttle's delay. */
  static void start(SmtpSession session, String login, char[] password) throws SmtpRefusal {
    SubmissionServices services = session.services().submission();
    InetAddress client = session.transport().remoteAddress();
    LoginThrottle.Admission admission = services.throttle().admit(login, ClientNetwork.of(client));
    if (admission.blocked()) {
      // Not counted, so the block is not extended (ADR 0171); logged, so fail2ban sees it.
      session.services().securityLog().authFailed(PROTOCOL, client, login, "blocked");
      answerLater(session, admission.delay(), TEMPORARY);
      return;
    }
    Directory directory = services.directory();
    char[] copy = password.clone();
    boolean started =
        PooledLogin.start(
            session.transport().sessionExecutor(),
            services.logins(),
            () -> unlock(directory, login, copy),
            (alias, bug) -> finish(session, login, alias, bug, admission),
            UnlockedAlias::close);
    if (!started) {
      Arrays.fill(copy, '\0');
      // Our limit, not the client's mistake: not counted as a failed login.
      throw new SmtpRefusal(454, "4.7.0", "Too many logins at once; try again later");
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
      SmtpSession session,
      String login,
      UnlockedAlias alias,
      RuntimeException bug,
      LoginThrottle.Admission admission) {
    if (bug != null) {
      if (alias != null) {
        alias.close();
      }
      LOG.warn("submission login failed on the server's side: {}", bug.getClass().getName(), bug);
      answerLater(session, Duration.ZERO, TEMPORARY);
      return;
    }
    if (alias == null) {
      fail(session, login, "bad-credentials");
      return;
    }
    EmailAddress address;
    try (alias) {
      address = alias.address();
    }
    session
        .services()
        .submission()
        .throttle()
        .succeeded(login, ClientNetwork.of(session.transport().remoteAddress()));
    session.services().securityLog().authSucceeded(PROTOCOL);
    session.conversation().authenticated(address);
    // As IMAP: during an account-wide slowdown the right password waits too.
    answerLater(
        session, admission.delay(), SmtpReply.of(235, "2.7.0", "Authentication successful"));
  }

  /** Every failure is the same answer after the throttle's delay; later commands wait for it. */
  static void fail(SmtpSession session, String login, String reason) {
    Duration delay =
        FailedLogin.record(
            session.services().submission().throttle(),
            session.services().securityLog(),
            PROTOCOL,
            session.transport().remoteAddress(),
            login,
            reason);
    answerLater(session, delay, FAILED);
  }

  private static void answerLater(SmtpSession session, Duration delay, SmtpReply reply) {
    Transport transport = session.transport();
    DelayedAnswer.after(
        delay,
        transport.sessionExecutor(),
        session.services().submission().timers(),
        () -> {
          transport.reply(reply);
          transport.resumeCommands();
        });
  }
}
