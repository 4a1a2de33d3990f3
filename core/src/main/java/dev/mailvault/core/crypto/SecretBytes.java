package dev.mailvault.core.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * Key material held in memory: copied in, handed out as a copy or lent to a scoped function, zeroed
 * by {@link #destroy()}. {@link #toString()} shows the length only.
 *
 * <p>Zeroing is best effort: the JVM may have copied the array during garbage collection, and JCA
 * key objects made from it keep their own copies. What it does guarantee is that the holder stops
 * handing the bytes out once destroyed.
 *
 * <p>Reading is thread-safe; destroying while another thread uses the bytes is the caller's bug.
 */
public final class SecretBytes implements AutoCloseable, Destroyable {

  private final byte[] value;
  private volatile boolean destroyed;

  private SecretBytes(byte[] value) {
    this.value = value;
  }

  /** Copies {@code bytes}; the caller may zero its own array afterwards. */
  public static SecretBytes copyOf(byte[] bytes) {
    return new SecretBytes(bytes.clone());
  }

  /** Takes ownership of {@code bytes} without copying; for arrays this package just made. */
  static SecretBytes adopt(byte[] bytes) {
    return new SecretBytes(bytes);
  }

  /** Fresh random key material from the CSPRNG. */
  public static SecretBytes random(int length) {
    return new SecretBytes(Csprng.bytes(length));
  }

  public int length() {
    return value.length;
  }

  /** A copy of the bytes; zero it when done. */
  public byte[] bytes() {
    checkAlive();
    return value.clone();
  }

  /**
   * Lends the bytes to {@code use} without copying. The function must not keep or modify the array.
   */
  public <R, X extends Exception> R apply(SecretFunction<R, X> use) throws X {
    checkAlive();
    return use.apply(value);
  }

  /** Compares in constant time (for equal lengths). */
  public boolean contentEquals(SecretBytes other) {
    checkAlive();
    other.checkAlive();
    return MessageDigest.isEqual(value, other.value);
  }

  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(value, (byte) 0);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  /** Same as {@link #destroy()}, for try-with-resources. */
  @Override
  public void close() {
    destroy();
  }

  @Override
  public String toString() {
    return destroyed ? "SecretBytes[destroyed]" : "SecretBytes[" + value.length + " bytes]";
  }

  private void checkAlive() {
    if (destroyed) {
      throw new IllegalStateException("secret already destroyed");
    }
  }

  /** A scoped use of secret bytes. */
  @FunctionalInterface
  public interface SecretFunction<R, X extends Exception> {
    R apply(byte[] secret) throws X;
  }
}
