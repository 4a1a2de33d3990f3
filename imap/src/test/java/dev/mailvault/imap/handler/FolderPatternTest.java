package dev.mailvault.imap.handler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** LIST pattern matching (RFC 9051 §6.3.9). */
class FolderPatternTest {

  private static boolean matches(String reference, String pattern, String name) {
    return FolderPattern.of(reference, pattern).matches(name);
  }

  @Test
  void starMatchesAcrossLevels() {
    assertThat(matches("", "*", "a")).isTrue();
    assertThat(matches("", "*", "a/b/c")).isTrue();
    assertThat(matches("", "a*", "a/b/c")).isTrue();
    assertThat(matches("", "*c", "a/b/c")).isTrue();
    assertThat(matches("", "a*c", "abc")).isTrue();
    assertThat(matches("", "a*c", "a/b")).isFalse();
  }

  @Test
  void percentStopsAtTheDelimiter() {
    assertThat(matches("", "%", "a")).isTrue();
    assertThat(matches("", "%", "a/b")).isFalse();
    assertThat(matches("", "%/%", "a/b")).isTrue();
    assertThat(matches("", "%/%", "a/b/c")).isFalse();
    assertThat(matches("", "a/%", "a/b")).isTrue();
    assertThat(matches("", "a/%", "a")).isFalse();
    assertThat(matches("", "%b", "ab")).isTrue();
    assertThat(matches("", "%b", "a/b")).isFalse();
    assertThat(matches("", "%", "")).isTrue();
  }

  @Test
  void runsOfWildcardsBehaveLikeTheirWidest() {
    assertThat(matches("", "%*", "a/b")).isTrue();
    assertThat(matches("", "*%", "a/b")).isTrue();
    assertThat(matches("", "%%", "a/b")).isFalse();
  }

  @Test
  void literalCharactersMatchExactlyAndCaseSensitively() {
    assertThat(matches("", "Work", "Work")).isTrue();
    assertThat(matches("", "Work", "work")).isFalse();
    assertThat(matches("", "Work", "Works")).isFalse();
    assertThat(matches("", "Wor", "Work")).isFalse();
    assertThat(matches("", "a.b", "axb")).isFalse();
    assertThat(matches("", "a?b", "a?b")).isTrue();
  }

  @Test
  void inboxMatchesInAnyCaseAsAFirstLevelOnly() {
    assertThat(matches("", "inbox", "INBOX")).isTrue();
    assertThat(matches("", "InBox/%", "INBOX/Receipts")).isTrue();
    assertThat(matches("", "inbox/receipts", "INBOX/Receipts")).isFalse();
    assertThat(matches("", "inboxes", "INBOXES")).isFalse();
    assertThat(matches("", "Work/inbox", "Work/INBOX")).isFalse();
  }

  @Test
  void theReferenceIsReadBeforeThePattern() {
    assertThat(matches("Work/", "%", "Work/Reports")).isTrue();
    assertThat(matches("Work/", "%", "Work")).isFalse();
    assertThat(matches("Work/", "/%", "Work/Reports")).isTrue();
    assertThat(matches("Work", "/%", "Work/Reports")).isTrue();
    assertThat(matches("Work", "%", "Work")).isTrue();
    assertThat(matches("Work", "%", "WorkPlace")).isTrue();
    assertThat(matches("inbox/", "*", "INBOX/x")).isTrue();
  }

  @Test
  void manyWildcardsOnALongNameStayLinear() {
    String name = "a".repeat(1000) + "b";
    String pattern = "*a".repeat(500) + "*c";
    assertThat(matches("", pattern, name)).isFalse();
    assertThat(matches("", "*a".repeat(500) + "*b", name)).isTrue();
  }

  @Test
  void nonAsciiNamesMatchByCharacter() {
    assertThat(matches("", "Entw%rfe", "Entwürfe")).isTrue();
    assertThat(matches("", "Caf*/Men%", "Café/Menü")).isTrue();
  }
}
