package dev.mailvault.core.sieve;

import java.util.List;
import java.util.Map;

/**
 * A checked command or test, ready to run: its tags by name and its positional arguments typed
 * ({@code Long}, {@link Text} or {@code List<Text>}).
 *
 * @param tags the tags given: {@code Boolean.TRUE}, a {@code Long}, a {@link Text} or a list
 * @param match how the test compares, null for commands and tests that do not compare
 * @param block the commands of the block, empty when there is none
 */
record Node(
    String name,
    Map<String, Object> tags,
    List<Object> positional,
    MatchSpec match,
    List<Node> tests,
    List<Node> block,
    int line) {

  Node {
    // Shared by every evaluation of the script: nothing may change after compile time.
    tags = java.util.Collections.unmodifiableMap(tags);
    positional = java.util.Collections.unmodifiableList(positional);
    tests = List.copyOf(tests);
    block = List.copyOf(block);
  }

  boolean has(String tag) {
    return tags.containsKey(tag);
  }

  Text tagText(String tag) {
    return (Text) tags.get(tag);
  }

  @SuppressWarnings("unchecked")
  List<Text> tagList(String tag) {
    return (List<Text>) tags.get(tag);
  }

  long tagNumber(String tag) {
    return (Long) tags.get(tag);
  }

  Text text(int index) {
    return (Text) positional.get(index);
  }

  @SuppressWarnings("unchecked")
  List<Text> list(int index) {
    return (List<Text>) positional.get(index);
  }

  long number(int index) {
    return (Long) positional.get(index);
  }
}
