package dev.mailvault.sieve.session;

import dev.mailvault.core.sieve.SieveScript;
import dev.mailvault.core.sieve.SieveSyntaxException;
import java.util.List;

/**
 * The {@link ScriptChecker} of the server: core's Sieve compiler (RFC 5228), the same the MX runs
 * scripts with, so a script ManageSieve stores is one the MX can run.
 */
public final class CompilerChecker implements ScriptChecker {

  /**
   * The SIEVE capability (RFC 5804 §1.7): the extensions core's compiler accepts in {@code
   * require}, in the order issue 15 lists them. The comparators i;octet and i;ascii-casemap are
   * always there (RFC 5228 §2.7.3) and not listed; a test checks each listed one compiles.
   */
  public static final List<String> EXTENSIONS =
      List.of(
          "fileinto",
          "reject",
          "ereject",
          "envelope",
          "imap4flags",
          "body",
          "variables",
          "copy",
          "vacation",
          "relational",
          "comparator-i;ascii-numeric",
          "subaddress",
          "date",
          "index",
          "regex",
          "mailbox",
          "encoded-character");

  @Override
  public String firstError(String script) {
    try {
      SieveScript.compile(script);
      return null;
    } catch (SieveSyntaxException e) {
      return e.getMessage();
    }
  }

  @Override
  public List<String> extensions() {
    return EXTENSIONS;
  }
}
