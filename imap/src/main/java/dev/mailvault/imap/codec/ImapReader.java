package dev.mailvault.imap.codec;

import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the tokens of one framed command (RFC 9051 §9). Every failure is a {@link ParseException}
 * carrying the tag once it has been read. The frame is complete (the framer put every literal in
 * it), so a literal's size is checked against the bytes present, never trusted.
 */
final class ImapReader {

  private static final String[] MONTHS = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
  };

  private final byte[] bytes;
  private final boolean utf8Names;
  private int pos;
  private String tag;

  ImapReader(byte[] bytes, boolean utf8Names) {
    this.bytes = bytes;
    this.utf8Names = utf8Names;
  }

  String tag() {
    return tag;
  }

  ParseException error(String message) {
    return new ParseException(tag, message);
  }

  /** tag = 1*(ASTRING-CHAR except "+"). */
  String readTag() throws ParseException {
    int start = pos;
    while (pos < bytes.length && ImapChars.isTagChar(bytes[pos])) {
      pos++;
    }
    if (pos == start || pos == bytes.length || bytes[pos] != ' ') {
      throw error("Missing or invalid tag");
    }
    tag = ascii(start, pos);
    return tag;
  }

  /** Where reading stands, for {@link #reset}: a look-ahead that may have to go back. */
  int position() {
    return pos;
  }

  void reset(int position) {
    pos = position;
  }

  boolean atEnd() {
    return pos >= bytes.length;
  }

  void end() throws ParseException {
    if (!atEnd()) {
      throw error("Unexpected characters at the end of the command");
    }
  }

  int peek() {
    return atEnd() ? -1 : bytes[pos] & 0xff;
  }

  boolean accept(char c) {
    if (peek() == c) {
      pos++;
      return true;
    }
    return false;
  }

  void expect(char c) throws ParseException {
    if (!accept(c)) {
      throw error(
          atEnd()
              ? "Command ends too early"
              : c == '\r' || c == '\n'
                  ? "Expected CRLF after a literal size"
                  : "Expected '" + c + "'");
    }
  }

  void sp() throws ParseException {
    expect(' ');
  }

  /** Whether a case-insensitive {@code word} comes next as a whole atom; consumes it if so. */
  boolean acceptWord(String word) {
    int end = pos + word.length();
    if (end > bytes.length) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (Character.toUpperCase(bytes[pos + i]) != word.charAt(i)) {
        return false;
      }
    }
    if (end < bytes.length && ImapChars.isAstringChar(bytes[end]) && bytes[end] != '[') {
      return false;
    }
    pos = end;
    return true;
  }

  /** 1*ATOM-CHAR, upper-cased: command names, search keys, options. */
  String atom() throws ParseException {
    int start = pos;
    while (pos < bytes.length && ImapChars.isAtomChar(bytes[pos])) {
      pos++;
    }
    if (start == pos) {
      throw error(atEnd() ? "Command ends too early" : "Expected an atom");
    }
    return ascii(start, pos).toUpperCase(Locale.ROOT);
  }

  /** An upper-cased atom that stops before any of {@code stops} (FETCH names before {@code [}). */
  String atomBefore(String stops) throws ParseException {
    int start = pos;
    while (pos < bytes.length
        && ImapChars.isAtomChar(bytes[pos])
        && stops.indexOf(bytes[pos]) < 0) {
      pos++;
    }
    if (start == pos) {
      throw error(atEnd() ? "Command ends too early" : "Expected an atom");
    }
    return ascii(start, pos).toUpperCase(Locale.ROOT);
  }

  /** An atom as written (keywords keep their case). */
  String rawAtom() throws ParseException {
    int start = pos;
    while (pos < bytes.length && ImapChars.isAtomChar(bytes[pos])) {
      pos++;
    }
    if (start == pos) {
      throw error("Expected an atom");
    }
    return ascii(start, pos);
  }

  /** astring = 1*ASTRING-CHAR / string, as UTF-8 text. */
  String astring() throws ParseException {
    return utf8(astringBytes());
  }

  byte[] astringBytes() throws ParseException {
    int c = peek();
    if (c == '"' || c == '{' || (c == '~' && pos + 1 < bytes.length && bytes[pos + 1] == '{')) {
      return string(false);
    }
    int start = pos;
    while (pos < bytes.length && ImapChars.isAstringChar(bytes[pos])) {
      pos++;
    }
    if (start == pos) {
      throw error(atEnd() ? "Command ends too early" : "Expected a string");
    }
    return java.util.Arrays.copyOfRange(bytes, start, pos);
  }

  /** nstring = string / NIL. */
  String nstring() throws ParseException {
    if (acceptWord("NIL")) {
      return null;
    }
    return utf8(string(false));
  }

  /** string = quoted / literal; literal8 ({@code ~{N}}, RFC 3516) only when allowed. */
  byte[] string(boolean literal8Allowed) throws ParseException {
    if (accept('"')) {
      return quotedRest();
    }
    boolean literal8 = accept('~');
    if (literal8 && !literal8Allowed) {
      throw error("literal8 is not allowed here");
    }
    if (!accept('{')) {
      throw error("Expected a quoted string or a literal");
    }
    long size = 0;
    int digits = 0;
    while (peek() >= '0' && peek() <= '9') {
      size = size * 10 + (bytes[pos++] - '0');
      if (++digits > 10) {
        throw error("Literal size too large");
      }
    }
    if (digits == 0) {
      throw error("Expected a literal size");
    }
    if (!accept('+')) {
      accept('-');
    }
    expect('}');
    expect('\r');
    expect('\n');
    if (size > bytes.length - pos) {
      throw error("Literal shorter than announced");
    }
    byte[] value = java.util.Arrays.copyOfRange(bytes, pos, pos + (int) size);
    pos += (int) size;
    if (!literal8 && indexOfNul(value) >= 0) {
      // RFC 9051 §4.3: a literal must not contain NUL; literal8 may (RFC 3516 §4.2).
      throw error("NUL in a literal");
    }
    return value;
  }

  private byte[] quotedRest() throws ParseException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    while (true) {
      if (atEnd()) {
        throw error("Unterminated quoted string");
      }
      int c = bytes[pos++] & 0xff;
      if (c == '"') {
        return out.toByteArray();
      }
      if (c == '\\') {
        int escaped = peek();
        if (escaped != '"' && escaped != '\\') {
          throw error("Invalid escape in a quoted string");
        }
        pos++;
        out.write(escaped);
      } else if (c == '\r' || c == '\n' || c == 0) {
        throw error("Invalid character in a quoted string");
      } else {
        out.write(c);
      }
    }
  }

  /**
   * A mailbox name (RFC 9051 §9 mailbox) that names an existing folder, decoded: INBOX in any case
   * is INBOX. A rev1 name that is not valid modified UTF-7 (a bare {@code &}) is taken literally:
   * it names no folder the server listed, so SELECT answers NO and LIST finds nothing, as RFC 3501
   * §5.1.3 lets a server treat it, rather than BAD for a name that is only unknown.
   */
  String mailbox() throws ParseException {
    return decodeName(astring(), true);
  }

  /** The name of a folder to be made (CREATE, RENAME's target): invalid modified UTF-7 is BAD. */
  String newMailbox() throws ParseException {
    return decodeName(astring(), false);
  }

  /** list-mailbox = 1*list-char / string (wildcards kept). */
  String listMailbox() throws ParseException {
    int c = peek();
    if (c == '"' || c == '{') {
      return decodeName(utf8(string(false)), true);
    }
    int start = pos;
    while (pos < bytes.length && ImapChars.isListChar(bytes[pos])) {
      pos++;
    }
    if (start == pos) {
      throw error("Expected a mailbox pattern");
    }
    return decodeName(ascii(start, pos), true);
  }

  private String decodeName(String name, boolean literalIfInvalid) throws ParseException {
    if (name.equalsIgnoreCase("INBOX")) {
      return "INBOX";
    }
    if (utf8Names) {
      return name;
    }
    try {
      // RFC 3501 §5.1.3: rev1 clients send modified UTF-7.
      return ModifiedUtf7.decode(name);
    } catch (CharacterCodingException e) {
      if (literalIfInvalid) {
        return name;
      }
      throw error("Mailbox name is not valid modified UTF-7");
    }
  }

  long number() throws ParseException {
    return number(0xFFFF_FFFFL);
  }

  /** number64 (RFC 9051 §9) for mod-sequences and sizes. */
  long number64() throws ParseException {
    return number(Long.MAX_VALUE);
  }

  long nzNumber() throws ParseException {
    long value = number();
    if (value == 0) {
      throw error("Zero is not allowed here");
    }
    return value;
  }

  private long number(long max) throws ParseException {
    int start = pos;
    long value = 0;
    while (peek() >= '0' && peek() <= '9') {
      int digit = bytes[pos++] - '0';
      if (value > (max - digit) / 10) {
        throw error("Number too large");
      }
      value = value * 10 + digit;
    }
    if (start == pos) {
      throw error("Expected a number");
    }
    return value;
  }

  /** sequence-set = (seq-number / seq-range) ["," sequence-set], or "$" (RFC 5182). */
  SequenceSet sequenceSet() throws ParseException {
    if (accept('$')) {
      return SequenceSet.SAVED;
    }
    List<SequenceSet.Range> ranges = new ArrayList<>();
    do {
      long first = seqNumber();
      long last = accept(':') ? seqNumber() : first;
      ranges.add(new SequenceSet.Range(first, last));
    } while (accept(','));
    return new SequenceSet(ranges, false);
  }

  private long seqNumber() throws ParseException {
    return accept('*') ? SequenceSet.STAR : nzNumber();
  }

  /** Whether a sequence set starts here (a digit, {@code *} or {@code $}). */
  boolean atSequenceSet() {
    int c = peek();
    return (c >= '0' && c <= '9') || c == '*' || c == '$';
  }

  /**
   * date = date-text / DQUOTE date-text DQUOTE; date-text = date-day "-" date-month "-" date-year.
   */
  LocalDate date() throws ParseException {
    boolean quoted = accept('"');
    int day = (int) number();
    expect('-');
    int month = month();
    expect('-');
    int year = (int) number();
    if (quoted) {
      expect('"');
    }
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      throw error("Invalid date");
    }
  }

  /** date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE. */
  OffsetDateTime dateTime() throws ParseException {
    expect('"');
    accept(' ');
    int day = (int) number();
    expect('-');
    int month = month();
    expect('-');
    int year = (int) number();
    sp();
    int hour = twoDigits();
    expect(':');
    int minute = twoDigits();
    expect(':');
    int second = twoDigits();
    sp();
    int sign = accept('+') ? 1 : accept('-') ? -1 : 0;
    if (sign == 0) {
      throw error("Expected a time zone");
    }
    int zone = twoDigits() * 100 + twoDigits();
    expect('"');
    try {
      ZoneOffset offset = ZoneOffset.ofHoursMinutes(sign * (zone / 100), sign * (zone % 100));
      return OffsetDateTime.of(LocalDateTime.of(year, month, day, hour, minute, second), offset);
    } catch (DateTimeException e) {
      throw error("Invalid date-time");
    }
  }

  private int twoDigits() throws ParseException {
    int value = 0;
    for (int i = 0; i < 2; i++) {
      int c = peek();
      if (c < '0' || c > '9') {
        throw error("Expected two digits");
      }
      value = value * 10 + (c - '0');
      pos++;
    }
    return value;
  }

  private int month() throws ParseException {
    if (pos + 3 > bytes.length) {
      throw error("Expected a month");
    }
    String name = ascii(pos, pos + 3).toLowerCase(Locale.ROOT);
    for (int i = 0; i < MONTHS.length; i++) {
      if (MONTHS[i].equals(name)) {
        pos += 3;
        return i + 1;
      }
    }
    throw error("Expected a month");
  }

  /** flag-list = "(" [flag *(SP flag)] ")". */
  Flags flagList() throws ParseException {
    expect('(');
    Set<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
    TreeSet<String> keywords = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    if (!accept(')')) {
      do {
        flag(system, keywords);
      } while (accept(' '));
      expect(')');
    }
    return new Flags(system, keywords);
  }

  /** Flags separated by spaces up to the end (STORE allows a list without parentheses). */
  Flags bareFlags() throws ParseException {
    Set<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
    TreeSet<String> keywords = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    do {
      flag(system, keywords);
    } while (accept(' '));
    return new Flags(system, keywords);
  }

  private void flag(Set<SystemFlag> system, Set<String> keywords) throws ParseException {
    if (accept('\\')) {
      String name = atom();
      for (SystemFlag flag : SystemFlag.values()) {
        if (flag.imapName().substring(1).equalsIgnoreCase(name)) {
          system.add(flag);
          return;
        }
      }
      // RFC 9051 §2.3.2: \Recent and flag-extensions cannot be set by a client.
      throw error("Unknown or read-only system flag \\" + name);
    }
    keywords.add(rawAtom());
  }

  /** "(" atom *(SP atom) ")" upper-cased, or the empty list. */
  List<String> atomList() throws ParseException {
    expect('(');
    List<String> atoms = new ArrayList<>();
    if (!accept(')')) {
      do {
        atoms.add(atom());
      } while (accept(' '));
      expect(')');
    }
    return atoms;
  }

  String utf8(byte[] value) throws ParseException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value))
          .toString();
    } catch (CharacterCodingException e) {
      throw error("Invalid UTF-8");
    }
  }

  private String ascii(int from, int to) {
    return new String(bytes, from, to - from, StandardCharsets.US_ASCII);
  }

  private static int indexOfNul(byte[] value) {
    for (int i = 0; i < value.length; i++) {
      if (value[i] == 0) {
        return i;
      }
    }
    return -1;
  }
}
