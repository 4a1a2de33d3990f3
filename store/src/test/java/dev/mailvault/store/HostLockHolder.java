package dev.mailvault.store;

import dev.mailvault.core.quota.QuotaLedger;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * A second primary in a process of its own for {@link VaultHostLockTest}: reads the vault key (hex)
 * from its first input line, opens vault {@code v} under {@code args[0]} with fences as a primary
 * does, prints {@code open}, and keeps the vault open until its input ends or it is killed.
 */
public final class HostLockHolder {

  private HostLockHolder() {}

  public static void main(String[] args) throws Exception {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    byte[] key = HexFormat.of().parseHex(in.readLine().trim());
    try (VaultStore store = new VaultStore(VaultStoreConfig.defaults(Path.of(args[0])))) {
      store.setFences(new TestFences(Long.parseLong(args[1])));
      try (Vault vault = store.open("v", key, QuotaLedger.UNLIMITED)) {
        System.out.println("open");
        System.out.flush();
        while (in.readLine() != null) {
          // held until the test closes the pipe or kills this process
        }
      }
    }
  }
}
