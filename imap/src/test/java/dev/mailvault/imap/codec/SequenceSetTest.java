package dev.mailvault.imap.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.mail.UidSet;
import org.junit.jupiter.api.Test;

class SequenceSetTest {

  private static SequenceSet read(String set) throws ParseException {
    ImapReader in = new ImapReader(set.getBytes(UTF_8), true);
    SequenceSet parsed = in.sequenceSet();
    in.end();
    return parsed;
  }

  @Test
  void starBecomesTheLargestAndReversedRangesCount() throws Exception {
    // RFC 9051 §9: "2:4" and "4:2" are the same; "*" is the largest number in use.
    assertThat(read("4:2,7,9:*").resolve(12))
        .isEqualTo(
            new UidSet(
                java.util.List.of(
                    new UidSet.Range(2, 4), new UidSet.Range(7, 7), new UidSet.Range(9, 12))));
    // RFC 9051 §6.4.8: "n:*" names the largest even when n is larger.
    assertThat(read("20:*").resolve(12)).isEqualTo(UidSet.range(12, 20));
    assertThat(read("*").resolve(0).isEmpty()).isTrue();
  }

  @Test
  void writesItselfBackAsTheClientWroteIt() throws Exception {
    assertThat(read("1:*,5,7:3").toString()).isEqualTo("1:*,5,7:3");
    assertThat(read("$")).isEqualTo(SequenceSet.SAVED);
    assertThat(SequenceSet.SAVED.toString()).isEqualTo("$");
  }

  @Test
  void savedResultIsResolvedByTheSessionNotHere() {
    assertThatThrownBy(() -> SequenceSet.SAVED.resolve(5))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void malformedSetsAreParseErrors() {
    for (String bad :
        new String[] {"", ",", "1,", "1:", ":2", "0", "1:0", "4294967296", "1:x", "$,1"}) {
      assertThatThrownBy(() -> read(bad)).as(bad).isInstanceOf(ParseException.class);
    }
  }
}
