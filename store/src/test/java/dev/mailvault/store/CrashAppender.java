package dev.mailvault.store;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.quota.QuotaLedger;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The child process of {@link CrashSafetyTest}: appends messages to a vault in a loop from {@link
 * #THREADS} threads (so that writes queue up and share commits, docs/adr/0074-group-commit.md) and
 * prints each Message-ID once its append returned, until it is killed. The key comes on stdin,
 * never on the command line.
 *
 * <p>Arguments: vaults directory, vault id, round number.
 */
public final class CrashAppender {

  static final int MAX_APPENDS = 20_000;
  static final int THREADS = 3;

  private CrashAppender() {}

  public static void main(String[] args) throws Exception {
    Path vaults = Path.of(args[0]);
    String vaultId = args[1];
    int round = Integer.parseInt(args[2]);
    byte[] key;
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
      key = HexFormat.of().parseHex(in.readLine().trim());
    }
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
    VaultStoreConfig config =
        VaultStoreConfig.defaults(vaults).withIdleTimeout(Duration.ofMinutes(5));
    try (VaultStore store = new VaultStore(config);
        Vault vault = store.open(vaultId, key, QuotaLedger.UNLIMITED)) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int first = t;
        Thread thread =
            new Thread(
                () -> {
                  try {
                    for (int i = first; i < MAX_APPENDS; i += THREADS) {
                      vault.append(folderOf(i), NewMessage.of(message(round, i)));
                      synchronized (out) {
                        out.println(messageId(round, i));
                        out.flush();
                      }
                    }
                  } catch (MailvaultException e) {
                    throw new IllegalStateException(e);
                  }
                });
        thread.start();
        threads.add(thread);
      }
      for (Thread thread : threads) {
        thread.join();
      }
    }
  }

  static String folderOf(int i) {
    return i % 3 == 0 ? "Archive" : "INBOX";
  }

  static String messageId(int round, int i) {
    return "r" + round + "-" + i + "@crash.test";
  }

  /** The message of append {@code i} of {@code round}; every tenth carries a large attachment. */
  static byte[] message(int round, int i) {
    String id = messageId(round, i);
    if (i % 10 == 7) {
      return TestMessages.withAttachment(
          id,
          "Crash " + id,
          "attachment " + id,
          TestMessages.randomBytes(round * 100_000L + i, 90_000));
    }
    return TestMessages.text(id);
  }
}
