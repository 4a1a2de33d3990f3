package dev.mailvault.imap.handler;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.AuthenticationFailedException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.imap.codec.ResponseCode;
import dev.mailvault.imap.session.ErrorResponses;
import dev.mailvault.imap.session.ImapFailure;
import dev.mailvault.imap.session.ImapSession;
import dev.mailvault.protocol.exec.PooledLogin;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IMAP's use of the runtime's {@link PooledLogin} (ADR 0186): the directory unlock (Argon2id) runs
 * on the login pool, and the rest of the login answers on the session's executor with the same
 * tagged responses the dispatcher gives a handler's failure.
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
    boolean started =
        PooledLogin.start(
            session.executor(),
            session.services().logins(),
            () -> unlock(directory, login, copy),
            (alias, bug) -> finish(session, tag, alias, bug, then),
            UnlockedAlias::close);
    if (!started) {
      Arrays.fill(copy, '\0');
      // Our limit, not the client's mistake: not counted as a failed login.
      throw ImapFailure.no(
          ResponseCode.of("UNAVAILABLE"), "Too many logins at once, try again later");
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
