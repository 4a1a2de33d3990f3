package dev.mailvault.pop3.handler;

import dev.mailvault.pop3.codec.Pop3Command;
import dev.mailvault.pop3.session.Pop3Row;
import dev.mailvault.pop3.session.Pop3Session;
import dev.mailvault.pop3.session.Pop3State;
import dev.mailvault.protocol.command.CommandTable;
import java.util.List;
import java.util.Set;

/**
 * Every POP3 command: verb, the states it runs in (RFC 1939 §3), the CAPA tags it brings (RFC 2449
 * §6) and its handler. A new command is a row here and a handler beside it.
 */
public final class Pop3Commands {

  private static final Set<Pop3State> AUTHORIZATION = Set.of(Pop3State.AUTHORIZATION);
  private static final Set<Pop3State> TRANSACTION = Set.of(Pop3State.TRANSACTION);
  private static final Set<Pop3State> BOTH = Set.of(Pop3State.AUTHORIZATION, Pop3State.TRANSACTION);

  private Pop3Commands() {}

  public static CommandTable<Pop3Row, Pop3State, Pop3Session> table() {
    return CommandTable.<Pop3Row, Pop3State, Pop3Session>builder()
        .row(Pop3Row.of("CAPA", Pop3Command.Capa.class, BOTH, List.of(), SessionCommands::capa))
        .row(
            Pop3Row.of(
                "USER", Pop3Command.User.class, AUTHORIZATION, List.of("USER"), UserPass::user))
        .row(Pop3Row.of("PASS", Pop3Command.Pass.class, AUTHORIZATION, List.of(), UserPass::pass))
        // RFC 1939 §7 APOP needs the password in the clear on the server: refused, not listed.
        .row(Pop3Row.of("APOP", Pop3Command.Apop.class, AUTHORIZATION, List.of(), UserPass::apop))
        .row(
            Pop3Row.of(
                "AUTH",
                Pop3Command.Auth.class,
                AUTHORIZATION,
                List.of("SASL PLAIN"),
                SaslPlain::auth))
        .row(
            Pop3Row.of(
                "STLS", Pop3Command.Stls.class, AUTHORIZATION, List.of("STLS"), TlsCommands::stls))
        .row(
            Pop3Row.of(
                "UTF8",
                Pop3Command.Utf8.class,
                AUTHORIZATION,
                List.of("UTF8 USER"),
                SessionCommands::utf8))
        .row(Pop3Row.of("STAT", Pop3Command.Stat.class, TRANSACTION, List.of(), Listing::stat))
        .row(Pop3Row.of("LIST", Pop3Command.List.class, TRANSACTION, List.of(), Listing::list))
        .row(
            Pop3Row.of("UIDL", Pop3Command.Uidl.class, TRANSACTION, List.of("UIDL"), Listing::uidl))
        .row(Pop3Row.of("RETR", Pop3Command.Retr.class, TRANSACTION, List.of(), Retrieval::retr))
        .row(Pop3Row.of("TOP", Pop3Command.Top.class, TRANSACTION, List.of("TOP"), Retrieval::top))
        .row(Pop3Row.of("DELE", Pop3Command.Dele.class, TRANSACTION, List.of(), Marks::dele))
        .row(Pop3Row.of("RSET", Pop3Command.Rset.class, TRANSACTION, List.of(), Marks::rset))
        .row(Pop3Row.of("NOOP", Pop3Command.Noop.class, TRANSACTION, List.of(), Marks::noop))
        .row(Pop3Row.of("QUIT", Pop3Command.Quit.class, BOTH, List.of(), SessionCommands::quit))
        // RFC 2449 §6: tags of the protocol rather than of one command.
        .feature("RESP-CODES")
        .feature("AUTH-RESP-CODE")
        .feature("PIPELINING")
        .feature("EXPIRE NEVER")
        .feature("LOGIN-DELAY 0")
        .feature("IMPLEMENTATION Mailvault")
        // RFC 2595 §4: STLS only where it can be used, and never again after it.
        .conditional(
            "STLS",
            session ->
                session.state() == Pop3State.AUTHORIZATION
                    && session.transport().canStartTls()
                    && !session.transport().isSecure())
        .build();
  }
}
