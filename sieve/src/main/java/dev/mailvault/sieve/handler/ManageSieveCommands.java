package dev.mailvault.sieve.handler;

import dev.mailvault.protocol.auth.PlaintextLogin;
import dev.mailvault.protocol.command.CommandTable;
import dev.mailvault.sieve.codec.SieveCommand;
import dev.mailvault.sieve.session.SieveRow;
import dev.mailvault.sieve.session.SieveSession;
import dev.mailvault.sieve.session.SieveState;
import java.util.List;
import java.util.Set;

/**
 * Every ManageSieve command (RFC 5804 §2): the states it runs in, the capabilities it brings (§1.7,
 * each {@code NAME} or {@code NAME value}) and its handler. A new command is a row here and a
 * handler beside it.
 */
public final class ManageSieveCommands {

  private static final Set<SieveState> BEFORE = Set.of(SieveState.NON_AUTHENTICATED);
  private static final Set<SieveState> AFTER = Set.of(SieveState.AUTHENTICATED);
  private static final Set<SieveState> BOTH =
      Set.of(SieveState.NON_AUTHENTICATED, SieveState.AUTHENTICATED);

  private ManageSieveCommands() {}

  /**
   * @param extensions what the SIEVE capability lists: the compiler's extensions
   * @param maxRedirects the MAXREDIRECTS capability
   */
  public static CommandTable<SieveRow, SieveState, SieveSession> table(
      List<String> extensions, int maxRedirects) {
    return CommandTable.<SieveRow, SieveState, SieveSession>builder()
        .feature("IMPLEMENTATION Mailvault")
        .row(
            SieveRow.of(
                "CAPABILITY",
                SieveCommand.Capability.class,
                BOTH,
                List.of(),
                SessionCommands::capability))
        .row(
            SieveRow.of(
                "AUTHENTICATE",
                SieveCommand.Authenticate.class,
                BEFORE,
                List.of(),
                Authenticate::authenticate))
        .row(
            SieveRow.of(
                "STARTTLS",
                SieveCommand.StartTls.class,
                BEFORE,
                List.of(),
                SessionCommands::startTls))
        .row(
            SieveRow.of(
                "LOGOUT", SieveCommand.Logout.class, BOTH, List.of(), SessionCommands::logout))
        .row(SieveRow.of("NOOP", SieveCommand.Noop.class, BOTH, List.of(), SessionCommands::noop))
        .row(
            SieveRow.of(
                "HAVESPACE", SieveCommand.HaveSpace.class, AFTER, List.of(), Scripts::haveSpace))
        .row(
            SieveRow.of(
                "PUTSCRIPT", SieveCommand.PutScript.class, AFTER, List.of(), Scripts::putScript))
        .row(
            SieveRow.of(
                "LISTSCRIPTS",
                SieveCommand.ListScripts.class,
                AFTER,
                List.of(),
                Scripts::listScripts))
        .row(
            SieveRow.of(
                "SETACTIVE", SieveCommand.SetActive.class, AFTER, List.of(), Scripts::setActive))
        .row(
            SieveRow.of(
                "GETSCRIPT", SieveCommand.GetScript.class, AFTER, List.of(), Scripts::getScript))
        .row(
            SieveRow.of(
                "DELETESCRIPT",
                SieveCommand.DeleteScript.class,
                AFTER,
                List.of(),
                Scripts::deleteScript))
        .row(
            SieveRow.of(
                "RENAMESCRIPT",
                SieveCommand.RenameScript.class,
                AFTER,
                List.of(),
                Scripts::renameScript))
        .row(
            SieveRow.of(
                "CHECKSCRIPT",
                SieveCommand.CheckScript.class,
                AFTER,
                List.of(),
                Scripts::checkScript))
        // RFC 5804 §2.14: UNAUTHENTICATE is advertised as a capability of its own.
        .row(
            SieveRow.of(
                "UNAUTHENTICATE",
                SieveCommand.Unauthenticate.class,
                AFTER,
                List.of("UNAUTHENTICATE"),
                SessionCommands::unauthenticate))
        .feature("SIEVE " + String.join(" ", extensions))
        .feature("MAXREDIRECTS " + maxRedirects)
        .feature("VERSION 1.0")
        // RFC 5804 §1.7: PLAIN only where a password may be sent (under TLS, or from loopback); an
        // empty SASL list tells the client to STARTTLS first.
        .conditional("SASL PLAIN", ManageSieveCommands::passwordsAllowed)
        .conditional("SASL ", session -> !passwordsAllowed(session))
        // RFC 5804 §2.2: STARTTLS only where it can be used, and never again after it.
        .conditional(
            "STARTTLS",
            session ->
                session.state() == SieveState.NON_AUTHENTICATED
                    && session.transport().canStartTls()
                    && !session.transport().isSecure())
        .build();
  }

  static boolean passwordsAllowed(SieveSession session) {
    return PlaintextLogin.allowed(
        session.transport().isSecure(),
        session.transport().remoteAddress(),
        session.services().limits().allowPlaintextAuth());
  }
}
