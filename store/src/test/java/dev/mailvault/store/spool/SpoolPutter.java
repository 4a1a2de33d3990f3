package dev.mailvault.store.spool;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The child process of {@link SpoolCrashTest}: puts items in a loop and prints {@code <id> <n>}
 * once each put returned, until it is killed. The public key comes on stdin.
 *
 * <p>Arguments: spool root, vault id, round number.
 */
public final class SpoolPutter {

  static final int MAX_PUTS = 20_000;

  private SpoolPutter() {}

  public static void main(String[] args) throws Exception {
    SpoolStore spool = new SpoolStore(Path.of(args[0]));
    String vaultId = args[1];
    int round = Integer.parseInt(args[2]);
    byte[] publicKey;
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
      publicKey = HexFormat.of().parseHex(in.readLine().trim());
    }
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
    for (int i = 0; i < MAX_PUTS; i++) {
      int n = number(round, i);
      String id = spool.put(vaultId, publicKey, item(n));
      out.println(id + " " + n);
      out.flush();
    }
  }

  static int number(int round, int i) {
    return round * MAX_PUTS + i;
  }

  /** Item {@code n}; every fifth is large, so that kills also land in the middle of a write. */
  static SpoolItem item(int n) {
    byte[] small = SpoolFixture.message(n);
    byte[] raw = small;
    if (n % 5 == 3) {
      raw = new byte[small.length + 512 * 1024];
      System.arraycopy(small, 0, raw, 0, small.length);
      for (int i = small.length; i < raw.length; i++) {
        raw[i] = (byte) ('a' + (i + n) % 26);
      }
    }
    return new SpoolItem(
        raw, Instant.ofEpochSecond(1_700_000_000L + n), "s@x.test", List.of("r@x.test"));
  }
}
