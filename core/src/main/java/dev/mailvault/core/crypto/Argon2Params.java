package dev.mailvault.core.crypto;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id cost parameters (RFC 9106 §3.1), stored per alias beside its salt so they can be raised
 * later without breaking existing aliases. The storage form is PHC-like: {@code
 * argon2id$v=19$m=19456,t=2,p=1}.
 *
 * @param memoryKiB memory cost m in KiB; RFC 9106 §3.1 requires m &gt;= 8 * p
 * @param iterations number of passes t
 * @param parallelism lanes p
 */
public record Argon2Params(int memoryKiB, int iterations, int parallelism) {

  /**
   * The defaults for new aliases: m=12 MiB, t=3, one of OWASP's equivalent minimum configurations
   * (ADR 0020), in two lanes that fill the same 12 MiB on two cores at once (ADR 0120): about 42 ms
   * for unlock on the quiet 2-core build machine, against 66 ms with one lane. Raise them when
   * machines get faster; existing aliases keep theirs.
   */
  public static final Argon2Params DEFAULT = new Argon2Params(12_288, 3, 2);

  /** Argon2 version 1.3 (0x13), the only one RFC 9106 specifies. */
  public static final int VERSION = 19;

  private static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
  private static final int MAX_ITERATIONS = 1_000;
  private static final int MAX_PARALLELISM = 64;
  private static final Pattern ENCODED =
      Pattern.compile("argon2id\\$v=(\\d{1,3})\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,2})");

  public Argon2Params {
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new IllegalArgumentException("Argon2 parallelism must be 1.." + MAX_PARALLELISM);
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException("Argon2 iterations must be 1.." + MAX_ITERATIONS);
    }
    // RFC 9106 §3.1: m is at least 8*p KiB.
    if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
      throw new IllegalArgumentException("Argon2 memory must be 8*p.." + MAX_MEMORY_KIB + " KiB");
    }
  }

  /** Parses the storage form written by {@link #encoded()}. */
  public static Argon2Params parse(String encoded) {
    Matcher m = ENCODED.matcher(encoded);
    if (!m.matches()) {
      throw new IllegalArgumentException("not an Argon2id parameter string");
    }
    if (Integer.parseInt(m.group(1)) != VERSION) {
      throw new IllegalArgumentException("unsupported Argon2 version " + m.group(1));
    }
    return new Argon2Params(
        Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
  }

  /** The storage form, e.g. {@code argon2id$v=19$m=19456,t=2,p=1}. */
  public String encoded() {
    return "argon2id$v=" + VERSION + "$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism;
  }

  @Override
  public String toString() {
    return encoded();
  }
}
