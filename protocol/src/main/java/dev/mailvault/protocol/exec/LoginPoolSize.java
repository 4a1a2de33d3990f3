package dev.mailvault.protocol.exec;

/**
 * The pool a login's Argon2id runs on (ADR 0186).
 *
 * @param threads derivations at once; the machine's cores, since each one is CPU-bound
 * @param queue logins waiting for a thread; past it a login is answered {@code NO [UNAVAILABLE]} at
 *     once. 0: none wait
 */
public record LoginPoolSize(int threads, int queue) {

  /** Logins that may wait per core: at ~40 ms a derivation, about a second and a half of work. */
  private static final int QUEUED_PER_CORE = 32;

  public LoginPoolSize {
    if (threads < 1 || queue < 0) {
      throw new IllegalArgumentException("a login pool needs a thread and a queue of 0 or more");
    }
  }

  /** One thread per core, {@value #QUEUED_PER_CORE} waiting logins per core. */
  public static LoginPoolSize forThisMachine() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new LoginPoolSize(cores, cores * QUEUED_PER_CORE);
  }
}
