package dev.mailvault.imap.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.FolderInfo;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which names LIST and LSUB answer with (RFC 9051 §6.3.9, RFC 5258 §3). */
class ListSelectionTest {

  private static FolderInfo folder(String name, String specialUse, boolean subscribed) {
    return new FolderInfo(name, specialUse, subscribed, false, 1, 1, 1, 0, 0, 0, 0);
  }

  private static final List<FolderInfo> FOLDERS =
      List.of(
          folder("INBOX", null, true),
          folder("Sent", "\\Sent", true),
          folder("Lists", null, false),
          folder("Lists/Java", null, true),
          folder("Lists/Go", null, false),
          folder("Archive/2023", "\\Archive", false));

  private static List<String> names(List<ListSelection.Entry> entries) {
    return entries.stream().map(ListSelection.Entry::name).toList();
  }

  private static List<FolderPattern> patterns(String... patterns) {
    return java.util.Arrays.stream(patterns).map(p -> FolderPattern.of("", p)).toList();
  }

  @Test
  void existingFoldersInboxFirstAndMissingLevelsAsNoselect() {
    List<ListSelection.Entry> entries =
        ListSelection.select(FOLDERS, null, patterns("%"), false, false);
    assertThat(names(entries)).containsExactly("INBOX", "Archive", "Lists", "Sent");
    ListSelection.Entry archive = entries.get(1);
    assertThat(archive.info()).isNull();
    assertThat(archive.selected()).isFalse();
    assertThat(ListCommands.attributes(archive, false)).isEqualTo("(\\Noselect)");
  }

  @Test
  void severalPatternsGiveEachNameOnce() {
    List<ListSelection.Entry> entries =
        ListSelection.select(FOLDERS, null, patterns("Lists*", "*Java", "Sent"), false, false);
    assertThat(names(entries)).containsExactly("Lists", "Lists/Go", "Lists/Java", "Sent");
  }

  @Test
  void subscribedSelectionListsNamesWithoutFoldersAsNonExistent() {
    Set<String> subscriptions = Set.of("INBOX", "Sent", "Lists/Java", "Gone");
    List<ListSelection.Entry> entries =
        ListSelection.select(FOLDERS, subscriptions, patterns("*"), false, false);
    assertThat(names(entries)).containsExactly("INBOX", "Gone", "Lists/Java", "Sent");
    ListSelection.Entry gone = entries.get(1);
    assertThat(ListCommands.attributes(gone, true)).isEqualTo("(\\NonExistent \\Subscribed)");
  }

  @Test
  void recursiveMatchAddsParentsOfSubscribedNamesThePatternMisses() {
    Set<String> subscriptions = Set.of("Lists/Java");
    assertThat(ListSelection.select(FOLDERS, subscriptions, patterns("%"), false, false)).isEmpty();
    List<ListSelection.Entry> entries =
        ListSelection.select(FOLDERS, subscriptions, patterns("%"), false, true);
    assertThat(entries)
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.name()).isEqualTo("Lists");
              assertThat(entry.selected()).isFalse();
              assertThat(entry.childInfo()).isTrue();
            });
    // With '*' the child itself is listed, so its parent is not (RFC 5258 §3.5).
    assertThat(names(ListSelection.select(FOLDERS, subscriptions, patterns("*"), false, true)))
        .containsExactly("Lists/Java");
  }

  @Test
  void specialUseSelectionKeepsOnlySpecialUseFolders() {
    assertThat(names(ListSelection.select(FOLDERS, null, patterns("*"), true, false)))
        .containsExactly("Archive/2023", "Sent");
    assertThat(
            names(
                ListSelection.select(FOLDERS, Set.of("Sent", "Lists"), patterns("*"), true, false)))
        .containsExactly("Sent");
  }

  @Test
  void ancestorsSkipEmptyLevels() {
    assertThat(ListSelection.ancestors("a/b/c")).containsExactly("a", "a/b");
    assertThat(ListSelection.ancestors("a")).isEmpty();
  }
}
