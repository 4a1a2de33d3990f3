package dev.mailvault.imap.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 3501 §2.3.2: a message is recent in exactly one session. */
class RecentClaimsTest {

  @Test
  void theFirstSessionToSeeAMessageClaimsItAndLookingClaimsNothing() {
    RecentClaims claims = new RecentClaims();
    SelectedFolder examined = new SelectedFolder("INBOX", true, 7, 0, new long[] {1, 2});
    examined.markRecentAbove(claims.claimedThrough("vault", "INBOX", 7));
    assertThat(examined.recentUids()).containsExactlyInAnyOrder(1L, 2L);

    SelectedFolder first = new SelectedFolder("INBOX", false, 7, 0, new long[] {1, 2});
    first.markRecentAbove(claims.claim("vault", "INBOX", 7, first.lastUid()));
    assertThat(first.recentUids()).containsExactlyInAnyOrder(1L, 2L);

    SelectedFolder second = new SelectedFolder("INBOX", false, 7, 0, new long[] {1, 2});
    second.addNew(new long[] {1, 2, 3});
    second.markRecentAbove(claims.claim("vault", "INBOX", 7, second.lastUid()));
    assertThat(second.recentUids()).containsExactly(3L);

    assertThat(claims.claimedThrough("vault", "INBOX", 7)).isEqualTo(3);
    assertThat(claims.claimedThrough("vault", "INBOX", 8)).as("a new UIDVALIDITY").isZero();
    assertThat(claims.claimedThrough("other", "INBOX", 7)).as("another mailbox").isZero();
  }
}
