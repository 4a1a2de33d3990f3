package dev.mailvault.sieve.session;

import java.util.List;

/**
 * Whether a script compiles (RFC 5228), and which extensions the compiler knows: PUTSCRIPT and
 * CHECKSCRIPT refuse a script with an error (RFC 5804 §2.6, §2.12), and the SIEVE capability lists
 * the extensions (§1.7). The server gives the core compiler's; tests may give their own.
 */
public interface ScriptChecker {

  /** The first error as {@code line N: reason}, or null when the script compiles. */
  String firstError(String script);

  /** The extensions a script may {@code require}, in the order the SIEVE capability lists them. */
  List<String> extensions();
}
