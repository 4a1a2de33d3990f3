package dev.mailvault.imap.handler;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.AuthenticationFailedException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.imap.codec.ResponseCode;
import dev.mailvault.imap.session.ErrorResponses;
import dev.mailvault.imap.session.ImapFailure;
import dev.mailvault.imap.session.ImapSession;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a login's directory unlock (Argon2id) on the login pool, not on the session's worker (ADR
 * 0186). The session's queue is suspended meanwhile, so commands the client pipelined behind the
 * login wait for it, as behind a delayed answer; the rest of the login then runs on the session's
 * own executor, ahead of them.
 */
final class PooledUnlock {

  private static final Logger LOG = LoggerFactory.getLogger(PooledUnlock.class);

  /** The rest of the login, on the session's executor; the alias is null for a failed unlock. */
  @FunctionalInterface
  interface Continuation {
    void accept(UnlockedAlias aliasOrNull) throws MailvaultException;
  }

  private PooledUnlock() {}

  /**
   * Hands the unlock to the login pool and returns; {@code then} answers the command later. The
   * password is copied, since the caller zeroes its own when this returns.
   *
   * @throws ImapFailure {@code NO [UNAVAILABLE]} at once when the login pool's queue is full
   */
  static void start(
      ImapSession session, String tag, String login, char[] password, Continuation then)
      throws ImapFailure {
    Directory directory = session.services().directory();
    char[] copy = password.clone();
    session.executor().suspend();
    try {
      session.services().logins().execute(() -> unlock(session, tag, directory, login, copy, then));
    } catch (RejectedExecutionException e) {
      Arrays.fill(copy, '\0');
      session.executor().resume();
      // Our limit, not the client's mistake: not counted as a failed login.
      throw ImapFailure.no(
          ResponseCode.of("UNAVAILABLE"), "Too many logins at once, try again later");
    }
  }

  /** On the login pool. */
  private static void unlock(
      ImapSession session,
      String tag,
      Directory directory,
      String login,
      char[] password,
      Continuation then) {
    UnlockedAlias alias = null;
    RuntimeException bug = null;
    try {
      alias = directory.unlock(login, password);
    } catch (AuthenticationFailedException e) {
      alias = null;
    } catch (RuntimeException e) {
      bug = e;
    } finally {
      Arrays.fill(password, '\0');
    }
    UnlockedAlias unlocked = alias;
    RuntimeException failure = bug;
    try {
      session.executor().resumeWith(() -> finish(session, tag, unlocked, failure, then));
    } catch (RuntimeException e) {
      // The worker pool is shutting down with the server: nobody will use the keys.
      if (unlocked != null) {
        unlocked.close();
      }
      throw e;
    }
  }

  /** On the session's executor: the same answers the dispatcher gives a handler's failure. */
  private static void finish(
      ImapSession session,
      String tag,
      UnlockedAlias alias,
      RuntimeException bug,
      Continuation then) {
    try {
      if (bug != null) {
        throw bug;
      }
      then.accept(alias);
    } catch (MailvaultException e) {
      ErrorResponses.Answer answer = ErrorResponses.of(e, false);
      session.status(tag, answer.condition(), answer.code(), answer.text());
    } catch (RuntimeException e) {
      LOG.error("LOGIN failed: {}", e.getClass().getName(), e);
      ErrorResponses.Answer answer = ErrorResponses.serverBug();
      session.status(tag, answer.condition(), answer.code(), answer.text());
    } finally {
      session.flush();
    }
  }
}
