package dev.mailvault.sieve.session;

import dev.mailvault.core.crypto.RandomIds;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.sieve.codec.CommandParser;
import dev.mailvault.sieve.codec.FramedInput;
import dev.mailvault.sieve.codec.ParseException;
import dev.mailvault.sieve.codec.SieveCommand;
import java.util.Arrays;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each request of a session: parses it, finds its row in the command table, checks the state
 * and calls the handler. The one boundary where failures become answers (STYLE §3): a parse error,
 * an unknown command or one in the wrong state is {@code NO} and spends the session's error budget;
 * a {@link SieveFailure} is its own {@code NO}; the server's trouble is {@code NO (TRYLATER)} and
 * one log line with a correlation id.
 */
public final class SieveDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(SieveDispatcher.class);

  /** A command's work, or the second half of one that waited (a login's unlock). */
  @FunctionalInterface
  public interface Work {
    void run() throws SieveFailure, MailvaultException;
  }

  private final SieveSession session;
  private int errors;

  SieveDispatcher(SieveSession session) {
    this.session = session;
  }

  /** One framed input, on the session's executor. A request is zeroed afterwards. */
  public void onInput(FramedInput input) {
    if (session.closing()) {
      if (input instanceof FramedInput.Request request) {
        Arrays.fill(request.bytes(), (byte) 0);
      }
      return;
    }
    Consumer<byte[]> response = session.takeSaslResponse();
    if (input instanceof FramedInput.Request request) {
      try {
        if (response != null) {
          response.accept(request.bytes());
        } else {
          run(request.bytes());
        }
      } finally {
        Arrays.fill(request.bytes(), (byte) 0);
      }
    } else if (response != null) {
      session.no(null, "Authentication cancelled: response too long");
    } else if (input instanceof FramedInput.LiteralTooLarge) {
      // RFC 5804 §2.6: a script over the limit is QUOTA/MAXSIZE; it was never kept.
      session.no(SieveFailure.QUOTA_MAXSIZE, "Too large");
    } else {
      bad("Line too long");
    }
    session.flush();
  }

  private void run(byte[] request) {
    SieveCommand command;
    try {
      command = CommandParser.parse(request);
    } catch (ParseException e) {
      bad(e.getMessage());
      return;
    }
    try {
      SieveRow row = session.table().rowFor(command);
      session
          .services()
          .securityLog()
          .metrics()
          .command("managesieve", row == null ? null : row.verb());
      if (row == null) {
        bad("Unknown command");
      } else if (!row.states().contains(session.state())) {
        bad(
            session.state() == SieveState.AUTHENTICATED
                ? row.verb() + " is not allowed after authentication"
                : "Authenticate first");
      } else {
        attempt(row.verb(), () -> row.handler().handle(command, session));
      }
    } finally {
      if (command instanceof SieveCommand.Authenticate auth && auth.initialResponse() != null) {
        // Whether or not it ran: it carried a password.
        Arrays.fill(auth.initialResponse(), (byte) 0);
      }
    }
  }

  /** Runs {@code work}, turning its failure into the answer the client gets. */
  public void attempt(String verb, Work work) {
    try {
      work.run();
    } catch (SieveFailure failure) {
      session.no(failure.code(), failure.getMessage());
    } catch (MailvaultException e) {
      String id = RandomIds.hex(6);
      LOG.warn("{} failed [{}]: {}", verb, id, e.getMessage());
      session.no(SieveFailure.TRYLATER, "Scripts unavailable, try again later (" + id + ")");
    } catch (RuntimeException e) {
      String id = RandomIds.hex(6);
      LOG.error("{} failed [{}]", verb, id, e);
      session.no(SieveFailure.TRYLATER, "Internal error (" + id + ")");
    }
  }

  /** A bad command: {@code NO}, and once the budget is spent, {@code BYE}. */
  private void bad(String text) {
    errors++;
    if (errors >= session.services().limits().errorBudget()) {
      session.bye(null, "Too many bad commands");
      return;
    }
    session.no(null, text);
  }
}
