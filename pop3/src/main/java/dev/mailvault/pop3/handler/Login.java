package dev.mailvault.pop3.handler;

import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.net.ClientNetwork;
import dev.mailvault.directory.AuthenticationFailedException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.pop3.session.Maildrop;
import dev.mailvault.pop3.session.Pop3Failure;
import dev.mailvault.pop3.session.Pop3Session;
import dev.mailvault.protocol.auth.FailedLogin;
import dev.mailvault.protocol.auth.PlaintextLogin;
import dev.mailvault.protocol.exec.DelayedAnswer;
import dev.mailvault.protocol.exec.PooledLogin;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login both PASS and AUTH end in, as IMAP's: the throttle admits it (ADR 0171), the directory
 * unlocks the alias on the login pool (ADR 0186), {@code MailAccess.open} drains the alias's spool
 * into INBOX, and the maildrop is INBOX as it stands then. Every failure is the same {@code -ERR
 * [AUTH]} after the throttle's delay, and one line in the security log (protocol {@code pop3}).
 */
final class Login {

  private static final Logger LOG = LoggerFactory.getLogger(Login.class);
  private static final String PROTOCOL = "pop3";
  private static final String FAILED = "Authentication failed";

  private Login() {}

  /** RFC 2595 §2.4 spirit, as IMAP: no password in the clear except from loopback. */
  static void requirePrivacy(Pop3Session session) throws Pop3Failure {
    if (!PlaintextLogin.allowed(
        session.transport().isSecure(),
        session.transport().remoteAddress(),
        session.services().limits().allowPlaintextAuth())) {
      throw Pop3Failure.withCode(
          Pop3Failure.AUTH, "Plaintext authentication disallowed without TLS; use STLS");
    }
  }

  /** Starts the login; the answer comes later, after the unlock and the throttle's delay. */
  static void authenticate(String login, char[] password, Pop3Session session) throws Pop3Failure {
    var services = session.services();
    InetAddress client = session.transport().remoteAddress();
    LoginThrottle.Admission admission = services.throttle().admit(login, ClientNetwork.of(client));
    if (admission.blocked()) {
      // Not counted, so the block is not extended (ADR 0171); logged, so fail2ban sees it.
      services.securityLog().authFailed(PROTOCOL, client, login, "blocked");
      answerLater(session, admission.delay(), () -> session.err(Pop3Failure.AUTH, FAILED));
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
      throw Pop3Failure.withCode(Pop3Failure.SYS_TEMP, "Too many logins at once, try again later");
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
      Pop3Session session,
      String login,
      UnlockedAlias alias,
      RuntimeException bug,
      LoginThrottle.Admission admission) {
    session
        .dispatcher()
        .attempt(
            "login",
            () -> {
              if (bug != null) {
                if (alias != null) {
                  alias.close();
                }
                throw bug;
              }
              afterUnlock(session, login, alias, admission);
            });
    session.flush();
  }

  private static void afterUnlock(
      Pop3Session session, String login, UnlockedAlias alias, LoginThrottle.Admission admission)
      throws Pop3Failure {
    if (alias == null) {
      fail(login, session, "bad-credentials");
      return;
    }
    var services = session.services();
    MailboxAccess mailbox;
    Maildrop maildrop;
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
      throw Pop3Failure.withCode(Pop3Failure.SYS_TEMP, "Mailbox unavailable, try again later");
    }
    try {
      maildrop = maildrop(mailbox);
    } catch (MailvaultException | RuntimeException e) {
      mailbox.close();
      LOG.warn("vault {} INBOX could not be listed at login: {}", alias.vaultId(), e.toString());
      throw Pop3Failure.withCode(Pop3Failure.SYS_TEMP, "Mailbox unavailable, try again later");
    }
    services.throttle().succeeded(login, ClientNetwork.of(session.transport().remoteAddress()));
    services.securityLog().authSucceeded(PROTOCOL);
    session.loggedIn(alias.address(), mailbox, maildrop);
    // As IMAP: during an account-wide slowdown the right password waits too, so the answer tells
    // a guesser nothing sooner than a failure would.
    answerLater(
        session,
        admission.delay(),
        () ->
            session.ok(
                "Logged in, " + maildrop.count() + " messages (" + maildrop.size() + " octets)"));
  }

  /** INBOX now: UIDs and stored sizes, ascending, numbered from 1 (RFC 1939 §8). */
  private static Maildrop maildrop(MailboxAccess mailbox) throws MailvaultException {
    FolderInfo inbox = mailbox.folder(Listing.INBOX);
    List<Maildrop.Entry> entries = new ArrayList<>();
    if (inbox.messages() > 0) {
      for (MessageMeta meta : mailbox.messages(Listing.INBOX, UidSet.all(), false)) {
        entries.add(new Maildrop.Entry(meta.uid(), meta.size(), meta.flags().has(SystemFlag.SEEN)));
      }
    }
    entries.sort(Comparator.comparingLong(Maildrop.Entry::uid));
    return new Maildrop(inbox.uidValidity(), entries);
  }

  /** Every failure is the same answer after the throttle's delay; later commands wait for it. */
  static void fail(String login, Pop3Session session, String reason) {
    var services = session.services();
    Duration delay =
        FailedLogin.record(
            services.throttle(),
            services.securityLog(),
            PROTOCOL,
            session.transport().remoteAddress(),
            login,
            reason);
    answerLater(session, delay, () -> session.err(Pop3Failure.AUTH, FAILED));
  }

  private static void answerLater(Pop3Session session, Duration delay, Runnable answer) {
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
