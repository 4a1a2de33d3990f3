package dev.mailvault.store;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The flags of a message: system flags and keywords. Keywords compare case-insensitively (so {@code
 * $Junk} and {@code $junk} are one keyword) and keep the spelling first given.
 *
 * @param system the system flags
 * @param keywords the keywords (RFC 9051 {@code flag-keyword}: an atom not starting with {@code \})
 */
public record Flags(Set<SystemFlag> system, SortedSet<String> keywords) {

  public static final Flags NONE = new Flags(Set.of(), new TreeSet<>());

  /**
   * @throws IllegalArgumentException when a keyword is not an IMAP atom; the protocol codec rejects
   *     such input before it gets here
   */
  public Flags {
    EnumSet<SystemFlag> systemCopy = EnumSet.noneOf(SystemFlag.class);
    systemCopy.addAll(system);
    system = Collections.unmodifiableSet(systemCopy);
    TreeSet<String> keywordCopy = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (String keyword : keywords) {
      requireKeyword(keyword);
      keywordCopy.add(keyword);
    }
    keywords = Collections.unmodifiableSortedSet(keywordCopy);
  }

  public static Flags of(SystemFlag... flags) {
    return new Flags(Set.of(flags), new TreeSet<>());
  }

  public Flags withKeywords(String... more) {
    TreeSet<String> all = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    all.addAll(keywords);
    all.addAll(java.util.Arrays.asList(more));
    return new Flags(system, all);
  }

  public boolean has(SystemFlag flag) {
    return system.contains(flag);
  }

  /** These flags and {@code other}'s. */
  public Flags plus(Flags other) {
    EnumSet<SystemFlag> flags = EnumSet.noneOf(SystemFlag.class);
    flags.addAll(system);
    flags.addAll(other.system);
    TreeSet<String> words = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    words.addAll(keywords);
    words.addAll(other.keywords);
    return new Flags(flags, words);
  }

  /** These flags without {@code other}'s. */
  public Flags minus(Flags other) {
    EnumSet<SystemFlag> flags = EnumSet.noneOf(SystemFlag.class);
    flags.addAll(system);
    flags.removeAll(other.system);
    TreeSet<String> words = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    words.addAll(keywords);
    words.removeAll(other.keywords);
    return new Flags(flags, words);
  }

  /** Equal as flag sets, keywords compared case-insensitively. */
  public boolean sameAs(Flags other) {
    return system.equals(other.system)
        && keywords.size() == other.keywords.size()
        && keywords.containsAll(other.keywords);
  }

  int bits() {
    int bits = 0;
    for (SystemFlag flag : system) {
      bits |= flag.bit();
    }
    return bits;
  }

  String keywordColumn() {
    return String.join(" ", keywords);
  }

  static Flags fromStored(int bits, String keywordColumn) {
    EnumSet<SystemFlag> flags = EnumSet.noneOf(SystemFlag.class);
    for (SystemFlag flag : SystemFlag.values()) {
      if ((bits & flag.bit()) != 0) {
        flags.add(flag);
      }
    }
    TreeSet<String> words = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    if (!keywordColumn.isEmpty()) {
      words.addAll(java.util.Arrays.asList(keywordColumn.split(" ")));
    }
    return new Flags(flags, words);
  }

  // RFC 9051 §9: atom-specials are ( ) { SP CTL % * " \ ]
  private static void requireKeyword(String keyword) {
    if (keyword == null || keyword.isEmpty() || keyword.charAt(0) == '\\') {
      throw new IllegalArgumentException("not a keyword");
    }
    for (int i = 0; i < keyword.length(); i++) {
      char c = keyword.charAt(i);
      if (c <= 0x20 || c >= 0x7f || "(){%*\"\\]".indexOf(c) >= 0) {
        throw new IllegalArgumentException("not a keyword: contains a character atoms exclude");
      }
    }
  }
}
