package dev.mailvault.server.web.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** TOTP codes from oathtool (oath-toolkit): an implementation independent of ours. */
final class Oathtool {

  private Oathtool() {}

  /** The 6-digit code of {@code base32Secret} at {@code at}. */
  static String code(String base32Secret, Instant at) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "oathtool", "--totp", "--base32", "--now", "@" + at.getEpochSecond(), base32Secret)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.matches("\\d{6}")) {
      throw new IllegalStateException("oathtool failed: " + out);
    }
    return out;
  }
}
