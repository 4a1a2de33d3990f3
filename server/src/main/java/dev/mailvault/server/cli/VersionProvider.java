package dev.mailvault.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version and the git commit it was built from, which Maven writes into {@code
 * mailvault-build.properties} at build time (ADR 0183): a bug report then says exactly which code
 * ran.
 */
public final class VersionProvider implements IVersionProvider {

  static final String RESOURCE = "/mailvault-build.properties";

  /** One line such as {@code mailvault 1.2.0 (commit abc1234)}, for the console's health page. */
  public static String describe() {
    return new VersionProvider().getVersion()[0];
  }

  @Override
  public String[] getVersion() {
    Properties build = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        build.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new String[] {
      "mailvault "
          + known(build.getProperty("version"), "development")
          + " (commit "
          + known(build.getProperty("commit"), "unknown")
          + ")"
    };
  }

  /** The value, or {@code fallback} when absent or never filtered (run from unbuilt sources). */
  private static String known(String value, String fallback) {
    return value == null || value.isBlank() || value.startsWith("${") ? fallback : value.strip();
  }
}
