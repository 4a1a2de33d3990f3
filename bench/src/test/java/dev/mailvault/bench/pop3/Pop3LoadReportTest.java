package dev.mailvault.bench.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.bench.ServerColumn;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class Pop3LoadReportTest {

  private static Properties figures(String sessionsPerSecond, String perCpuSecond, int errors) {
    Properties p = new Properties();
    p.setProperty("sessionsPerSecond", sessionsPerSecond);
    p.setProperty("retrsPerSecond", "3000.000");
    p.setProperty("megabytesPerSecond", "62.500");
    p.setProperty("serverCpuSeconds", "40.000");
    p.setProperty("sessionsPerCpuSecond", perCpuSecond);
    p.setProperty("megabytesPerCpuSecond", "31.250");
    p.setProperty("errors", Integer.toString(errors));
    return p;
  }

  @Test
  void theFirstServerIsDividedByEveryColumn() {
    String table =
        Pop3LoadReport.table(
            List.of(
                new ServerColumn("Mailvault", figures("30.000", "15.000", 0)),
                new ServerColumn("Dovecot plain", figures("20.000", "10.000", 3))));

    assertThat(table)
        .startsWith("| measure | Mailvault | Dovecot plain |\n| --- | ---: | ---: |\n")
        .contains("| sessions/s (login + STAT + RETR of every message + QUIT) | 30.0 | 20.0 |\n")
        .contains("| MB/s retrieved (10⁶ octets) | 62.5 | 62.5 |\n")
        .contains("| errors (-ERR, wrong maildrop or I/O; warm-up included) | 0 | 3 |\n")
        .contains(
            "| Mailvault ÷ column: sessions/s (login + STAT + RETR of every message + QUIT)"
                + " | 1.00× | 1.50× |\n")
        .contains("| Mailvault ÷ column: sessions per server CPU-second | 1.00× | 1.50× |\n")
        .doesNotContain("÷ column: errors");
  }

  @Test
  void withoutTheFirstServerTheNextOneThatRanIsTheReference() {
    String table =
        Pop3LoadReport.table(
            List.of(
                new ServerColumn("Mailvault", new Properties()),
                new ServerColumn("Dovecot plain", figures("20.000", "10.000", 0)),
                new ServerColumn("Dovecot + mail_crypt", figures("5.000", "2.500", 0))));

    assertThat(table)
        .contains(
            "| sessions/s (login + STAT + RETR of every message + QUIT) | — | 20.0 | 5.00 |\n")
        .contains(
            "| Dovecot plain ÷ column: sessions per server CPU-second | — | 1.00× | 4.00× |\n")
        .doesNotContain("| Mailvault ÷");
  }
}
