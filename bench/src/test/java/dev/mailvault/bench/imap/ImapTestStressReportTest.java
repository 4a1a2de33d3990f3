package dev.mailvault.bench.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.bench.ServerColumn;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ImapTestStressReportTest {

  private static Properties figures(
      String defaultPerSecond, String readOnlyPerSecond, long rssBytes, int errors) {
    Properties p = new Properties();
    p.setProperty("default.commandsPerSecond", defaultPerSecond);
    p.setProperty("default.commandsPerCpuSecond", "800.0");
    p.setProperty("default.errors", Integer.toString(errors));
    p.setProperty("readonly.commandsPerSecond", readOnlyPerSecond);
    p.setProperty("readonly.commandsPerCpuSecond", "2000.0");
    p.setProperty("readonly.errors", "1");
    p.setProperty("rssBytes", Long.toString(rssBytes));
    return p;
  }

  @Test
  void eachServerIsAColumnAndTheFirstIsDividedByEveryColumn() {
    String table =
        ImapTestStressReport.table(
            List.of(
                new ServerColumn("Mailvault", figures("1500.0", "3000.0", 300L << 20, 0)),
                new ServerColumn("Dovecot plain", figures("1000.0", "4000.0", 100L << 20, 2))));

    assertThat(table)
        .startsWith(
            "| measure | Mailvault | Dovecot plain |\n| --- | ---: | ---: |\n"
                + "| default mix: commands/s | 1,500 | 1,000 |\n")
        .contains("| Error: lines (default + read-only) | 1 | 3 |\n")
        .contains("| server RSS after the runs (MiB) | 300 | 100 |\n")
        .contains("| Mailvault ÷ column: default mix: commands/s | 1.00× | 1.50× |\n")
        .contains("| Mailvault ÷ column: read-only mix: commands/s | 1.00× | 0.75× |\n")
        .contains("| Mailvault ÷ column: server RSS after the runs (MiB) | 1.00× | 3.00× |\n");
  }

  @Test
  void aServerThatDidNotRunGetsDashes() {
    String table =
        ImapTestStressReport.table(
            List.of(
                new ServerColumn("Mailvault", figures("1500.0", "3000.0", 300L << 20, 0)),
                new ServerColumn("Dovecot + mail_crypt", new Properties())));

    assertThat(table)
        .contains("| default mix: commands/s | 1,500 | — |\n")
        .contains("| Error: lines (default + read-only) | 1 | — |\n")
        .contains("| Mailvault ÷ column: default mix: commands/s | 1.00× | — |\n");
  }
}
