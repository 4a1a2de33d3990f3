package dev.mailvault.core.sieve;

import static dev.mailvault.core.sieve.SieveFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One compiled script evaluated by several threads at once gives what it gives alone. */
class SharedScriptTest {

  private static final String SCRIPT =
      """
      require ["fileinto", "variables", "imap4flags", "regex"];
      if header :matches "Subject" "[*] *" { addflag "$List"; fileinto "lists.${1}"; stop; }
      if header :regex "Subject" "^order ([0-9]+)$" { set "n" "${1}"; fileinto "orders.${n}"; }
      """;

  @Test
  void evaluationsDoNotShareState() throws Exception {
    SieveScript script = SieveScript.compile(SCRIPT);
    List<byte[]> messages = new ArrayList<>();
    List<SieveOutcome> alone = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      byte[] m =
          message(i % 2 == 0 ? "Subject: [list" + i + "] hi" : "Subject: order " + i, "", "x");
      messages.add(m);
      alone.add(evaluate(script, m));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<SieveOutcome>> together = new ArrayList<>();
      for (byte[] m : messages) {
        together.add(pool.submit(() -> evaluate(script, m)));
      }
      for (int i = 0; i < messages.size(); i++) {
        assertThat(together.get(i).get()).isEqualTo(alone.get(i));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static SieveOutcome evaluate(SieveScript script, byte[] m) throws Exception {
    return script.evaluate(SieveMessage.of(m, SieveFixture.ENVELOPE), SieveFixture.environment());
  }
}
