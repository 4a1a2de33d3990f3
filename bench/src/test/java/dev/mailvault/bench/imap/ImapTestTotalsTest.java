package dev.mailvault.bench.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImapTestTotalsTest {

  /** The close of a stress run as ImapTest 0de0dbf prints it (imaptest.c, print_total). */
  private static final String OUTPUT =
      """
      Logi List Stat Sele Fetc Fet2 Copy Stor Dele Expu Appe Logo
      100%  50%  50% 100% 100% 100%  50%  50% 100% 100% 100% 100%
                                30%                  5%
        12    6    6   12   12   15    6    6   12   12   12   12
      Error: load3@bench.test[17]: FETCH BODY[] from the future
      Error: load3@bench.test[17]: Message seq=4 UID=9 changed
      Logi: 4.1 ms/cmd avg
      Totals:
      Logi List Stat Sele Fetc Fet2 Copy Stor Dele Expu Appe Logo
      100%  50%  50% 100% 100% 100%  50%  50% 100% 100% 100% 100%
                                30%                  5%
       812  410  398  800  790 1017  395  401  790  790  812  812
      """;

  @Test
  void commandsAreTheSumOfTheCountsAfterTotalsAndErrorLinesAreCounted() {
    ImapTestTotals totals = ImapTestTotals.parse(OUTPUT);

    assertThat(totals.commands())
        .isEqualTo(812 + 410 + 398 + 800 + 790 + 1017 + 395 + 401 + 790 + 790 + 812 + 812);
    assertThat(totals.perState()).containsEntry("Fet2", 1017L).hasSize(12);
    assertThat(totals.errorLines()).isEqualTo(2);
  }

  @Test
  void aReadOnlyMixWithoutSecondProbabilityLineParses() {
    String output =
        """
        Totals:
        Logi List Stat Sele Fetc Fet2 Sear
         100%  50%  50% 100% 100% 100%  50%
          10  500  480  990  985 1200  495
        """;

    ImapTestTotals totals = ImapTestTotals.parse(output);

    assertThat(totals.commands()).isEqualTo(10 + 500 + 480 + 990 + 985 + 1200 + 495);
    assertThat(totals.errorLines()).isZero();
  }

  @Test
  void outputWithoutTotalsIsRejected() {
    assertThatThrownBy(() -> ImapTestTotals.parse("Fatal: connect(127.0.0.1:1) failed\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
