package dev.mailvault.imap.fetch;

import static dev.mailvault.imap.fetch.FetchResponderTest.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.imap.codec.FetchItem.Simple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FetchPlanTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "BODY[], true",
    "BODY[1.MIME]<0.10>, true",
    "BODY.PEEK[], false",
    "BINARY[1], true",
    "BINARY.PEEK[1], false",
    "BINARY.SIZE[1], false",
    "RFC822, true",
    "RFC822.TEXT, true",
    "RFC822.HEADER, false",
    "ENVELOPE, false",
    "BODY, false",
    "BODYSTRUCTURE, false",
    "FULL, false",
  })
  void whatSetsSeen(String item, boolean marksSeen) throws Exception {
    FetchPlan plan = plan("a FETCH 1 " + (item.equals("FULL") ? item : "(" + item + ")"));
    assertThat(plan.marksSeen()).isEqualTo(marksSeen);
    assertThat(plan.setsSeen(Flags.NONE)).isEqualTo(marksSeen);
    assertThat(plan.setsSeen(Flags.of(SystemFlag.SEEN))).as("already seen").isFalse();
  }

  @Test
  void uidFetchPutsUidFirstOnceAndDuplicatesGo() throws Exception {
    assertThat(plan("a UID FETCH 1 (FLAGS UID FLAGS BODY.PEEK[] BODY.PEEK[])").items())
        .containsExactly(Simple.UID, Simple.FLAGS, plan("a FETCH 1 BODY.PEEK[]").items().get(0));
    assertThat(plan("a FETCH 1 (FLAGS)").items()).containsExactly(Simple.FLAGS);
  }

  @Test
  void flagsAndModseqAreAddedOnce() throws Exception {
    FetchPlan plan = plan("a FETCH 1 (BODY[TEXT])");
    assertThat(plan.withFlags().items()).endsWith(Simple.FLAGS).hasSize(2);
    assertThat(plan.withFlags().withFlags().items()).hasSize(2);
    assertThat(plan("a FETCH 1 (FLAGS BODY[])").withFlags().items()).hasSize(2);
    assertThat(plan.withModseq().items()).endsWith(Simple.MODSEQ);
    assertThat(plan.withFlags().marksSeen()).isTrue();
  }

  @Test
  void whetherContentIsRead() throws Exception {
    assertThat(plan("a FETCH 1 ALL").readsContent()).isFalse();
    assertThat(plan("a FETCH 1 (UID BINARY.SIZE[1])").readsContent()).isTrue();
    assertThat(plan("a FETCH 1 RFC822.HEADER").readsContent()).isTrue();
  }

  @Test
  void sectionsReadWholeAreListedOnceWithoutRangesOrBinary() throws Exception {
    assertThat(
            plan("a FETCH 1 (FLAGS BODY.PEEK[HEADER.FIELDS (FROM TO)] BODY[1.MIME] BODY[]<0.100>"
                    + " RFC822.HEADER BINARY[1] BODY.PEEK[TEXT]<10.20> RFC822 BODY[])")
                .sectionsReadWhole())
        .containsExactly("HEADER.FIELDS (FROM TO)", "1.MIME", "HEADER", "TEXT", "");
    assertThat(plan("a FETCH 1 (FLAGS ENVELOPE BODYSTRUCTURE)").sectionsReadWhole()).isEmpty();
  }

  @Test
  void whetherTheStoredStructureIsRead() throws Exception {
    assertThat(plan("a FETCH 1 (UID FLAGS RFC822.SIZE BODY.PEEK[HEADER])").readsStructure())
        .isFalse();
    assertThat(plan("a FETCH 1 ALL").readsStructure()).isTrue();
    assertThat(plan("a FETCH 1 BODY").readsStructure()).isTrue();
    assertThat(plan("a FETCH 1 (BINARY.SIZE[1])").readsStructure()).isTrue();
  }
}
