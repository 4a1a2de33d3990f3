package dev.mailvault.imap.fetch;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.imap.codec.CommandParser;
import dev.mailvault.imap.codec.ImapCommand;
import dev.mailvault.imap.codec.NameEncoding;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the golden corpus (core/src/test/resources/mime-corpus, README there) through a real
 * vault and {@link FetchResponder}: every recorded {@code UID FETCH} is parsed by the codec,
 * answered from stored data, and the answer as it would go on the wire is compared item by item
 * with the reference server's by {@link CorpusComparison}'s rules and deviations. {@code
 * dev.mailvault.imap.server.CorpusOverImapTest} does the same over a real connection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FetchCorpusTest {

  private final CorpusComparison comparison = new CorpusComparison();
  private final Map<String, Long> uids = new HashMap<>();
  private VaultStore store;
  private Vault vault;
  private FetchResponder responder;

  @BeforeAll
  void appendTheCorpus(@TempDir Path dir) throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    store = new VaultStore(VaultStoreConfig.defaults(dir.resolve("vaults")));
    vault = store.create("corpus", key, QuotaLedger.UNLIMITED);
    for (String name : corpus().toList()) {
      uids.put(name, vault.append("INBOX", NewMessage.of(CorpusComparison.message(name))).uid());
    }
    responder = new FetchResponder(vault, "INBOX");
  }

  @AfterAll
  void report() {
    vault.close();
    store.close();
    System.out.printf(
        "FETCH corpus: %d items match the reference server, %d allowed deviations%n",
        comparison.matched(), comparison.deviated());
    assertThat(comparison.matched()).as("items matched over the corpus").isGreaterThan(1000);
  }

  static Stream<String> corpus() throws IOException {
    return CorpusComparison.names();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void answersAsTheReferenceServer(String name) throws Exception {
    long uid = uids.get(name);
    MessageMeta meta = vault.messages("INBOX", UidSet.of(uid)).get(0);
    List<String> failures =
        comparison.check(name, uid, (u, items, expectation) -> render(meta, u, items));
    assertThat(failures).as(name).isEmpty();
  }

  private CorpusComparison.Answer render(MessageMeta meta, long uid, String items)
      throws Exception {
    ImapCommand.Fetch fetch = parse("a UID FETCH " + uid + " " + items);
    FetchPlan plan = FetchPlan.of(fetch.items(), true);
    assertThat(plan.marksSeen()).as("the corpus commands all PEEK").isFalse();
    try {
      return new CorpusComparison.Answer("OK", List.of(responder.render(1, meta, plan, false)));
    } catch (UnknownTransferEncodingException e) {
      return new CorpusComparison.Answer("NO [UNKNOWN-CTE]", List.of());
    }
  }

  private static ImapCommand.Fetch parse(String command) throws Exception {
    return (ImapCommand.Fetch)
        new CommandParser().parse(command.getBytes(US_ASCII), NameEncoding.MODIFIED_UTF7);
  }
}
