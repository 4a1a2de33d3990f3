package dev.mailvault.directory;

import java.util.Arrays;

/**
 * An app-specific password just made: shown once, never stored. {@link #close()} zeroes it.
 *
 * @param password grouped for typing ({@link AppPasswords#generate()})
 */
public record NewAppPassword(AppPasswordInfo info, char[] password) implements AutoCloseable {

  @Override
  public void close() {
    Arrays.fill(password, '\0');
  }

  @Override
  public String toString() {
    return "NewAppPassword[" + info.id() + "]";
  }
}
