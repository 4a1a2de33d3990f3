package dev.mailvault.core.sieve;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The table of known commands and tests: for each its extension (RFC 5228 §3.2), its tagged
 * arguments (§2.6.2), its positional arguments and whether it takes tests or a block. The validator
 * checks scripts against it; the interpreter dispatches on the same names.
 */
final class Grammar {

  /** What a tag or positional argument holds. */
  enum Kind {
    NONE,
    NUMBER,
    STRING,
    STRING_LIST
  }

  /**
   * A tagged argument.
   *
   * @param group tags of one group exclude each other (e.g. the match types); null: the tag alone
   * @param extension the extension that must be required to use it, null for the base language
   */
  record Tag(String name, Kind argument, String group, String extension) {}

  /** How a command or test is shaped. */
  enum Shape {
    /** A command ending in ';'. */
    SIMPLE,
    /** A control command with a test and a block (if, elsif). */
    TEST_AND_BLOCK,
    /** A control command with a block only (else). */
    BLOCK,
    /** A test with no tests inside. */
    TEST,
    /** allof, anyof: a test list. */
    TEST_LIST,
    /** not: one test. */
    ONE_TEST
  }

  /**
   * A command or a test.
   *
   * @param positional the positional arguments in order
   * @param optionalFirst whether the first positional may be left out (hasflag, setflag)
   */
  record Spec(
      String name,
      boolean test,
      String extension,
      Shape shape,
      List<Tag> tags,
      List<Kind> positional,
      boolean optionalFirst) {

    Tag tag(String tagName) {
      for (Tag t : tags) {
        if (t.name().equals(tagName)) {
          return t;
        }
      }
      return null;
    }
  }

  /** Every extension a script may require (RFC 5228 §3.2 capability strings, lower-case). */
  static final Set<String> EXTENSIONS =
      Set.of(
          "fileinto",
          "mailbox",
          "reject",
          "ereject",
          "envelope",
          "imap4flags",
          "body",
          "variables",
          "copy",
          "vacation",
          "relational",
          "subaddress",
          "date",
          "index",
          "regex",
          "encoded-character",
          "comparator-i;octet",
          "comparator-i;ascii-casemap",
          "comparator-i;ascii-numeric");

  static final List<Tag> COMPARATOR =
      List.of(new Tag("comparator", Kind.STRING, "comparator", null));

  static final List<Tag> MATCH_TYPE =
      List.of(
          new Tag("is", Kind.NONE, "match", null),
          new Tag("contains", Kind.NONE, "match", null),
          new Tag("matches", Kind.NONE, "match", null),
          new Tag("value", Kind.STRING, "match", "relational"),
          new Tag("count", Kind.STRING, "match", "relational"),
          new Tag("regex", Kind.NONE, "match", "regex"));

  static final List<Tag> ADDRESS_PART =
      List.of(
          new Tag("all", Kind.NONE, "addresspart", null),
          new Tag("localpart", Kind.NONE, "addresspart", null),
          new Tag("domain", Kind.NONE, "addresspart", null),
          new Tag("user", Kind.NONE, "addresspart", "subaddress"),
          new Tag("detail", Kind.NONE, "addresspart", "subaddress"));

  static final List<Tag> INDEX =
      List.of(
          new Tag("index", Kind.NUMBER, null, "index"), new Tag("last", Kind.NONE, null, "index"));

  private static final Map<String, Spec> SPECS = new HashMap<>();

  static {
    List<Kind> none = List.of();
    List<Kind> string = List.of(Kind.STRING);
    List<Kind> list = List.of(Kind.STRING_LIST);
    List<Kind> listAndKeys = List.of(Kind.STRING_LIST, Kind.STRING_LIST);
    Tag flags = new Tag("flags", Kind.STRING_LIST, null, "imap4flags");
    Tag copy = new Tag("copy", Kind.NONE, null, "copy");

    command("require", null, Shape.SIMPLE, List.of(), list, false);
    command("if", null, Shape.TEST_AND_BLOCK, List.of(), none, false);
    command("elsif", null, Shape.TEST_AND_BLOCK, List.of(), none, false);
    command("else", null, Shape.BLOCK, List.of(), none, false);
    command("stop", null, Shape.SIMPLE, List.of(), none, false);
    command("keep", null, Shape.SIMPLE, List.of(flags), none, false);
    command("discard", null, Shape.SIMPLE, List.of(), none, false);
    command("redirect", null, Shape.SIMPLE, List.of(copy), string, false);
    command(
        "fileinto",
        "fileinto",
        Shape.SIMPLE,
        List.of(flags, copy, new Tag("create", Kind.NONE, null, "mailbox")),
        string,
        false);
    command("reject", "reject", Shape.SIMPLE, List.of(), string, false);
    command("ereject", "ereject", Shape.SIMPLE, List.of(), string, false);
    List<Kind> flagArgs = List.of(Kind.STRING, Kind.STRING_LIST);
    command("setflag", "imap4flags", Shape.SIMPLE, List.of(), flagArgs, true);
    command("addflag", "imap4flags", Shape.SIMPLE, List.of(), flagArgs, true);
    command("removeflag", "imap4flags", Shape.SIMPLE, List.of(), flagArgs, true);
    command(
        "set",
        "variables",
        Shape.SIMPLE,
        List.of(
            new Tag("lower", Kind.NONE, "case40", null),
            new Tag("upper", Kind.NONE, "case40", null),
            new Tag("lowerfirst", Kind.NONE, "case30", null),
            new Tag("upperfirst", Kind.NONE, "case30", null),
            new Tag("quotewildcard", Kind.NONE, "quote20", null),
            new Tag("quoteregex", Kind.NONE, "quote20", "regex"),
            new Tag("length", Kind.NONE, null, null)),
        List.of(Kind.STRING, Kind.STRING),
        false);
    command(
        "vacation",
        "vacation",
        Shape.SIMPLE,
        List.of(
            new Tag("days", Kind.NUMBER, null, null),
            new Tag("subject", Kind.STRING, null, null),
            new Tag("from", Kind.STRING, null, null),
            new Tag("addresses", Kind.STRING_LIST, null, null),
            new Tag("mime", Kind.NONE, null, null),
            new Tag("handle", Kind.STRING, null, null)),
        string,
        false);

    List<Tag> matching = join(COMPARATOR, MATCH_TYPE);
    test("address", null, join(matching, ADDRESS_PART, INDEX), listAndKeys);
    test("envelope", "envelope", join(matching, ADDRESS_PART), listAndKeys);
    test("header", null, join(matching, INDEX), listAndKeys);
    test("exists", null, List.of(), list);
    test(
        "size",
        null,
        List.of(
            new Tag("over", Kind.NONE, "size", null), new Tag("under", Kind.NONE, "size", null)),
        List.of(Kind.NUMBER));
    test("true", null, List.of(), none);
    test("false", null, List.of(), none);
    spec(new Spec("not", true, null, Shape.ONE_TEST, List.of(), none, false));
    spec(new Spec("allof", true, null, Shape.TEST_LIST, List.of(), none, false));
    spec(new Spec("anyof", true, null, Shape.TEST_LIST, List.of(), none, false));
    test(
        "body",
        "body",
        join(
            matching,
            List.of(
                new Tag("raw", Kind.NONE, "transform", null),
                new Tag("content", Kind.STRING_LIST, "transform", null),
                new Tag("text", Kind.NONE, "transform", null))),
        list);
    spec(new Spec("hasflag", true, "imap4flags", Shape.TEST, matching, listAndKeys, true));
    test("string", "variables", matching, listAndKeys);
    List<Tag> zone =
        List.of(
            new Tag("zone", Kind.STRING, "zone", null),
            new Tag("originalzone", Kind.NONE, "zone", null));
    test(
        "date",
        "date",
        join(matching, zone, INDEX),
        List.of(Kind.STRING, Kind.STRING, Kind.STRING_LIST));
    test(
        "currentdate",
        "date",
        join(matching, List.of(zone.get(0))),
        List.of(Kind.STRING, Kind.STRING_LIST));
    test("mailboxexists", "mailbox", List.of(), list);
  }

  private Grammar() {}

  static Spec spec(String name) {
    return SPECS.get(name);
  }

  private static void command(
      String name,
      String extension,
      Shape shape,
      List<Tag> tags,
      List<Kind> positional,
      boolean optionalFirst) {
    spec(new Spec(name, false, extension, shape, tags, positional, optionalFirst));
  }

  private static void test(String name, String extension, List<Tag> tags, List<Kind> positional) {
    spec(new Spec(name, true, extension, Shape.TEST, tags, positional, false));
  }

  private static void spec(Spec spec) {
    SPECS.put(spec.name(), spec);
  }

  @SafeVarargs
  private static List<Tag> join(List<Tag>... lists) {
    List<Tag> out = new java.util.ArrayList<>();
    for (List<Tag> l : lists) {
      out.addAll(l);
    }
    return List.copyOf(out);
  }
}
