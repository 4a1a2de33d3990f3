package dev.mailvault.core.sieve;

/**
 * One lexical token of a script (RFC 5228 §8.1).
 *
 * @param kind what the token is
 * @param text the identifier or tag name (without the colon), or the string's value
 * @param number the value of a number, its quantifier applied
 * @param line the 1-based line where the token begins
 */
record Token(Kind kind, String text, long number, int line) {

  enum Kind {
    IDENTIFIER,
    TAG,
    NUMBER,
    STRING,
    LEFT_BRACKET,
    RIGHT_BRACKET,
    COMMA,
    LEFT_PAREN,
    RIGHT_PAREN,
    LEFT_BRACE,
    RIGHT_BRACE,
    SEMICOLON,
    END
  }

  boolean is(Kind other) {
    return kind == other;
  }
}
