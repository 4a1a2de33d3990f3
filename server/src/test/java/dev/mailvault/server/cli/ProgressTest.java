package dev.mailvault.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress lines: in place on a terminal, plain and spaced out otherwise, a summary at the end. */
class ProgressTest {

  private static final long SECOND = 1_000_000_000L;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong clock = new AtomicLong(1000 * SECOND);

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void withKnownTotalsTheLineHasRateAndTimeLeft() {
    Progress p = new Progress("export", out, false, clock::get);
    p.total(1000, 1000 * 1024);
    clock.addAndGet(2 * SECOND);
    p.add(100, 100 * 1024);

    assertThat(p.line(clock.get()))
        .isEqualTo(
            "export: 100/1,000 messages, 100.0 KB/1000.0 KB, 50.0 messages/s, 50.0 KB/s, 0:18 left");
  }

  @Test
  void withoutATotalThereIsNoTimeLeft() {
    Progress p = new Progress("import", out, false, clock::get);
    clock.addAndGet(SECOND);
    p.add(1500, 3 * 1024 * 1024);

    assertThat(p.line(clock.get()))
        .isEqualTo("import: 1,500 messages, 3.0 MB, 1,500 messages/s, 3.0 MB/s");
  }

  @Test
  void plainOutputPrintsALineEveryFiveSecondsAndASummary() {
    Progress p = new Progress("import", out, false, clock::get);
    for (int i = 0; i < 12; i++) {
      clock.addAndGet(SECOND);
      p.add(10, 1000);
    }
    p.finish();
    p.finish();

    String[] lines = printed().split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).startsWith("import: 50 messages");
    assertThat(lines[1]).startsWith("import: 100 messages");
    assertThat(lines[2])
        .isEqualTo("import: 120 messages, 11.7 KB in 0:12 (10.0 messages/s, 1000 B/s)");
    assertThat(printed()).doesNotContain("\r");
  }

  @Test
  void aTerminalGetsTheLineRedrawnInPlaceAndPaddedOverALongerOne() {
    Progress p = new Progress("export", out, true, clock::get);
    p.total(10, -1);
    clock.addAndGet(SECOND);
    p.add(1, 10_000_000);
    clock.addAndGet(SECOND);
    p.add(9, 0);
    p.finish();

    String text = printed();
    assertThat(text).startsWith("\rexport: 1/10 messages").endsWith("\n");
    String[] draws = text.split("\r");
    // An empty piece before the first \r, two redraws, then the summary.
    assertThat(draws).hasSize(4);
    assertThat(draws[3]).startsWith("export: 10 messages, 9.5 MB in 0:02");
    assertThat(draws[3].length() - 1).isGreaterThanOrEqualTo(draws[2].length());
  }

  @Test
  void sizesAndDurationsReadLikeAPerson() {
    assertThat(Progress.size(512)).isEqualTo("512 B");
    assertThat(Progress.size(1536)).isEqualTo("1.5 KB");
    assertThat(Progress.size(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GB");
    assertThat(Progress.duration(59)).isEqualTo("0:59");
    assertThat(Progress.duration(3725)).isEqualTo("1:02:05");
  }
}
