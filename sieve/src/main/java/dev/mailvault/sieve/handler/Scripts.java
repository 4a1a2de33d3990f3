package dev.mailvault.sieve.handler;

import dev.mailvault.directory.SieveLimits;
import dev.mailvault.directory.SieveScriptException;
import dev.mailvault.directory.SieveScriptInfo;
import dev.mailvault.directory.UnknownAliasException;
import dev.mailvault.sieve.codec.Responses;
import dev.mailvault.sieve.codec.SieveCommand;
import dev.mailvault.sieve.session.SieveFailure;
import dev.mailvault.sieve.session.SieveSession;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The script commands (RFC 5804 §2.5-2.12) over the directory's scripts of the logged-in alias (ADR
 * 0249). A script is compiled before it is stored; the directory's refusals become RFC 5804 §1.3
 * response codes.
 */
final class Scripts {

  private Scripts() {}

  /** RFC 5804 §2.5: would a script of this size fit under this name? */
  static void haveSpace(SieveCommand.HaveSpace command, SieveSession session)
      throws SieveFailure, UnknownAliasException {
    SieveLimits limits = session.services().directory().sieveLimits();
    if (!limits.validName(command.name())) {
      throw SieveFailure.of("Not a valid script name");
    }
    if (command.octets() > limits.maxScriptOctets()) {
      throw SieveFailure.withCode(
          SieveFailure.QUOTA_MAXSIZE,
          "Scripts may have at most " + limits.maxScriptOctets() + " octets");
    }
    List<SieveScriptInfo> scripts = session.services().directory().sieveScripts(session.alias());
    boolean replaces = scripts.stream().anyMatch(s -> s.name().equals(command.name()));
    if (!replaces && scripts.size() >= limits.maxScripts()) {
      throw SieveFailure.withCode(
          SieveFailure.QUOTA_MAXSCRIPTS, "At most " + limits.maxScripts() + " scripts");
    }
    session.ok(null, "Putscript would succeed");
  }

  /** RFC 5804 §2.6: a script with an error is refused with its line and reason. */
  static void putScript(SieveCommand.PutScript command, SieveSession session)
      throws SieveFailure, UnknownAliasException {
    check(command.script(), session);
    try {
      session
          .services()
          .directory()
          .putSieveScript(session.alias(), command.name(), command.script());
    } catch (SieveScriptException e) {
      throw refusal(e);
    }
    session.ok(null, "Putscript completed");
  }

  /** RFC 5804 §2.12: as PUTSCRIPT, without storing. */
  static void checkScript(SieveCommand.CheckScript command, SieveSession session)
      throws SieveFailure {
    if (command.script().getBytes(StandardCharsets.UTF_8).length
        > session.services().directory().sieveLimits().maxScriptOctets()) {
      throw SieveFailure.withCode(SieveFailure.QUOTA_MAXSIZE, "Too large");
    }
    check(command.script(), session);
    session.ok(null, "Script is valid");
  }

  /** RFC 5804 §2.7: every script, the active one marked. */
  static void listScripts(SieveCommand.ListScripts command, SieveSession session)
      throws UnknownAliasException {
    for (SieveScriptInfo script : session.services().directory().sieveScripts(session.alias())) {
      session.write(Responses.listed(script.name(), script.active()));
    }
    session.ok(null, "Listscripts completed");
  }

  /** RFC 5804 §2.8: the empty name leaves no script active. */
  static void setActive(SieveCommand.SetActive command, SieveSession session)
      throws SieveFailure, UnknownAliasException {
    Optional<String> name =
        command.name().isEmpty() ? Optional.empty() : Optional.of(command.name());
    try {
      session.services().directory().setActiveSieveScript(session.alias(), name);
    } catch (SieveScriptException e) {
      throw refusal(e);
    }
    session.ok(null, name.isPresent() ? "Setactive completed" : "No script is active now");
  }

  /** RFC 5804 §2.9: the script as a literal, then OK. */
  static void getScript(SieveCommand.GetScript command, SieveSession session)
      throws SieveFailure, UnknownAliasException {
    String text =
        session
            .services()
            .directory()
            .sieveScript(session.alias(), command.name())
            .orElseThrow(() -> SieveFailure.withCode(SieveFailure.NONEXISTENT, "No such script"));
    session.write(Responses.script(text));
    session.ok(null, "Getscript completed");
  }

  /** RFC 5804 §2.10: the active script is refused with ACTIVE. */
  static void deleteScript(SieveCommand.DeleteScript command, SieveSession session)
      throws SieveFailure, UnknownAliasException {
    try {
      session.services().directory().deleteSieveScript(session.alias(), command.name());
    } catch (SieveScriptException e) {
      throw refusal(e);
    }
    session.ok(null, "Deletescript completed");
  }

  /** RFC 5804 §2.11.1: an active script stays active under its new name. */
  static void renameScript(SieveCommand.RenameScript command, SieveSession session)
      throws SieveFailure, UnknownAliasException {
    try {
      session
          .services()
          .directory()
          .renameSieveScript(session.alias(), command.oldName(), command.newName());
    } catch (SieveScriptException e) {
      throw refusal(e);
    }
    session.ok(null, "Renamescript completed");
  }

  private static void check(String script, SieveSession session) throws SieveFailure {
    String error = session.services().checker().firstError(script);
    if (error != null) {
      // RFC 5804 §2.6: the human-readable string says what is wrong and where.
      throw SieveFailure.of(error);
    }
  }

  /** The directory's refusal as RFC 5804 §1.3 says it. */
  private static SieveFailure refusal(SieveScriptException e) {
    return switch (e.reason()) {
      case NO_SUCH_SCRIPT -> SieveFailure.withCode(SieveFailure.NONEXISTENT, "No such script");
      case ACTIVE ->
          SieveFailure.withCode(SieveFailure.ACTIVE, "The active script cannot be deleted");
      case NAME_TAKEN ->
          SieveFailure.withCode(SieveFailure.ALREADYEXISTS, "A script of that name exists");
      case TOO_LARGE -> SieveFailure.withCode(SieveFailure.QUOTA_MAXSIZE, "Too large");
      case TOO_MANY -> SieveFailure.withCode(SieveFailure.QUOTA_MAXSCRIPTS, "Too many scripts");
      case BAD_NAME -> SieveFailure.of("Not a valid script name");
    };
  }
}
