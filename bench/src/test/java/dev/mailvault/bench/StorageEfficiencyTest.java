package dev.mailvault.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The measure itself, on small real vaults; the figures of record come from a full run. */
class StorageEfficiencyTest {

  @Test
  void measuresTheFilesOfARealVaultAgainstTheRawBytes() throws Exception {
    SyntheticMail mail = new SyntheticMail(9);
    StorageEfficiency.Result result =
        StorageEfficiency.measure(
            StorageEfficiency.Kind.TEXT, 50, n -> mail.textMessage(n, 10_240));

    assertThat(result.messages()).isEqualTo(50);
    assertThat(result.stats().messages()).isEqualTo(50);
    assertThat(result.rawBytes()).isGreaterThan(50L * 10_240);
    // The vault holds at least the compressed content, and compression did shrink the text.
    assertThat(result.diskBytes()).isGreaterThan(result.stats().storedBytes());
    assertThat(result.stats().storedBytes()).isLessThan(result.rawBytes());
  }

  @Test
  void randomBase64AttachmentsAreIncompressibleBeyondTheBase64Itself() throws Exception {
    SyntheticMail mail = new SyntheticMail(10);
    StorageEfficiency.Result result =
        StorageEfficiency.measure(
            StorageEfficiency.Kind.INCOMPRESSIBLE,
            2,
            n -> mail.attachmentMessage(n, mail.randomBytes(200_000)));

    // Base64 carries 6 bits per 8-bit character: no codec gets below 3/4 of it.
    double content = (double) result.stats().storedBytes() / result.rawBytes();
    assertThat(content).isBetween(0.72, 1.0);
    assertThat(result.stats().blobs()).isEqualTo(2);
  }

  @Test
  void tableShowsEveryResultAndItsRatio() throws Exception {
    SyntheticMail mail = new SyntheticMail(11);
    StorageEfficiency.Result empty =
        StorageEfficiency.measure(StorageEfficiency.Kind.EMPTY, 0, n -> null);
    StorageEfficiency.Result text =
        StorageEfficiency.measure(StorageEfficiency.Kind.TEXT, 5, n -> mail.textMessage(n, 10_240));

    String table = StorageEfficiency.table(java.util.List.of(empty, text));

    assertThat(table)
        .contains("| empty vault (fixed cost) | 0 |")
        .contains(String.format(java.util.Locale.ROOT, "%.3f", text.ratio()));
  }
}
