package dev.mailvault.protocol.exec;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a login's unlock (Argon2id) on the login pool, not on the session's worker (ADR 0186). The
 * session's queue is suspended meanwhile, so commands the client pipelined behind the login wait
 * for it, as behind a delayed answer; the rest of the login then runs on the session's own
 * executor, ahead of them.
 */
public final class PooledLogin {

  private PooledLogin() {}

  /**
   * Hands {@code unlock} to the login pool and returns.
   *
   * @param unlock on the login pool: the unlocked account, or null when the credentials are wrong;
   *     it zeroes the password it holds
   * @param then on the session's executor: the unlock's result, or the failure it threw
   * @param orphan closes a result nobody will use (the server is shutting down)
   * @return false, with nothing started, when the pool's queue is full: the caller answers "try
   *     again later", which is the server's limit and not the client's mistake
   */
  public static <T> boolean start(
      SerialExecutor session,
      Executor logins,
      Supplier<T> unlock,
      BiConsumer<T, RuntimeException> then,
      Consumer<T> orphan) {
    session.suspend();
    try {
      logins.execute(() -> unlock(session, unlock, then, orphan));
      return true;
    } catch (RejectedExecutionException e) {
      session.resume();
      return false;
    }
  }

  private static <T> void unlock(
      SerialExecutor session,
      Supplier<T> unlock,
      BiConsumer<T, RuntimeException> then,
      Consumer<T> orphan) {
    T result = null;
    RuntimeException failure = null;
    try {
      result = unlock.get();
    } catch (RuntimeException e) {
      failure = e;
    }
    T unlocked = result;
    RuntimeException thrown = failure;
    try {
      session.resumeWith(() -> then.accept(unlocked, thrown));
    } catch (RuntimeException e) {
      if (unlocked != null) {
        orphan.accept(unlocked);
      }
      throw e;
    }
  }
}
