package dev.mailvault.store.spool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.crypto.SpoolKeyPair;
import dev.mailvault.core.crypto.SpoolSealer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADR 0152: one KEM encapsulation per alias for a short window, never across aliases. */
class SpoolEncapsulationsTest {

  private static final int KEM_HEADER = 1 + 32 + 1088;
  private static final byte[] TEXT =
      "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AAD = "aad".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  @Test
  void itemsToOneAliasWithinTheWindowShareTheKemButNotTheKey() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate();
        SpoolKeyPair otherKeys = SpoolKeyPair.generate()) {
      String a = f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(1, Instant.now()));
      String b = f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(2, Instant.now()));
      String c =
          f.spool.put("othervault", otherKeys.publicKey(), SpoolFixture.item(3, Instant.now()));

      byte[] sealedA = f.spool.readSealed(f.vaultId, a);
      byte[] sealedB = f.spool.readSealed(f.vaultId, b);
      byte[] sealedC = f.spool.readSealed("othervault", c);
      assertThat(head(sealedA)).isEqualTo(head(sealedB));
      assertThat(head(sealedA)).isNotEqualTo(head(sealedC));
      assertThat(f.spool.open(f.vaultId, a, keys.privateKey()).raw())
          .isEqualTo(SpoolFixture.message(1));
      assertThat(f.spool.open(f.vaultId, b, keys.privateKey()).raw())
          .isEqualTo(SpoolFixture.message(2));
      assertThat(f.spool.open("othervault", c, otherKeys.privateKey()).raw())
          .isEqualTo(SpoolFixture.message(3));
    }
  }

  @Test
  void anExpiredEncapsulationIsReplacedAndAnotherKeyGetsItsOwn() throws Exception {
    try (SpoolKeyPair keys = SpoolKeyPair.generate();
        SpoolKeyPair newKeys = SpoolKeyPair.generate();
        SpoolEncapsulations within = new SpoolEncapsulations(SpoolEncapsulations.MAX_AGE_NANOS);
        SpoolEncapsulations expired = new SpoolEncapsulations(0)) {
      byte[] first = within.seal("v", keys.publicKey(), TEXT, AAD);
      assertThat(head(within.seal("v", keys.publicKey(), TEXT, AAD))).isEqualTo(head(first));
      // The alias's key changed: a new encapsulation, to the new key.
      byte[] rekeyed = within.seal("v", newKeys.publicKey(), TEXT, AAD);
      assertThat(head(rekeyed)).isNotEqualTo(head(first));
      assertThat(SpoolSealer.open(newKeys.privateKey(), rekeyed, AAD)).isEqualTo(TEXT);

      byte[] one = expired.seal("v", keys.publicKey(), TEXT, AAD);
      expired.expire();
      byte[] two = expired.seal("v", keys.publicKey(), TEXT, AAD);
      assertThat(head(two)).isNotEqualTo(head(one));
      assertThat(SpoolSealer.open(keys.privateKey(), one, AAD)).isEqualTo(TEXT);
      assertThat(SpoolSealer.open(keys.privateKey(), two, AAD)).isEqualTo(TEXT);
    }
  }

  private static byte[] head(byte[] sealed) {
    return Arrays.copyOf(sealed, KEM_HEADER);
  }
}
