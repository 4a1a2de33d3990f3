package dev.mailvault.server.admin;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.sieve.SieveScript;
import dev.mailvault.core.sieve.SieveSyntaxException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.SieveScriptException;
import dev.mailvault.directory.UnknownAliasException;
import java.util.Optional;

/**
 * The operator's side of the aliases' Sieve scripts (ADR 0249), for the CLI and the admin API: a
 * script is compiled with core's compiler, the one the MX runs, before the directory stores it, as
 * ManageSieve's PUTSCRIPT does.
 */
public final class SieveScripts {

  /** A script that does not compile; the message is {@code line N: reason} (RFC 5804 §2.6). */
  public static final class InvalidScriptException extends MailvaultException {

    private static final long serialVersionUID = 1L;

    InvalidScriptException(SieveSyntaxException cause) {
      super(cause.getMessage(), cause);
    }
  }

  private final Directory directory;

  public SieveScripts(Directory directory) {
    this.directory = directory;
  }

  /** Compiles {@code text}; nothing is stored. */
  public static void check(String text) throws InvalidScriptException {
    try {
      SieveScript.compile(text);
    } catch (SieveSyntaxException e) {
      throw new InvalidScriptException(e);
    }
  }

  /** Compiles and stores {@code text} under {@code name}, then makes it active when asked. */
  public void put(EmailAddress alias, String name, String text, boolean activate)
      throws InvalidScriptException, UnknownAliasException, SieveScriptException {
    check(text);
    directory.putSieveScript(alias, name, text);
    if (activate) {
      directory.setActiveSieveScript(alias, Optional.of(name));
    }
  }
}
