package dev.mailvault.pop3.session;

import dev.mailvault.core.crypto.RandomIds;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.pop3.codec.CommandParser;
import dev.mailvault.pop3.codec.ParseException;
import dev.mailvault.pop3.codec.Pop3Command;
import java.util.Arrays;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each line of a session: parses it, finds its row in the command table, checks the state and
 * calls the handler. The one boundary where failures become answers (STYLE §3): a parse error, an
 * unknown command or one in the wrong state is {@code -ERR} and spends the session's error budget;
 * a {@link Pop3Failure} is its own {@code -ERR}; storage trouble is {@code -ERR [SYS/TEMP]} and one
 * log line with a correlation id.
 */
public final class Pop3Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(Pop3Dispatcher.class);

  /** A command's work, or the second half of one that waited (a login's unlock). */
  @FunctionalInterface
  public interface Work {
    void run() throws Pop3Failure, MailvaultException;
  }

  private final Pop3Session session;
  private int errors;

  Pop3Dispatcher(Pop3Session session) {
    this.session = session;
  }

  /** One line the reader cut, on the session's executor. The line is zeroed afterwards. */
  public void onLine(byte[] line) {
    if (session.closing()) {
      Arrays.fill(line, (byte) 0);
      return;
    }
    try {
      Consumer<byte[]> response = session.takeSaslResponse();
      if (response != null) {
        response.accept(line);
      } else {
        run(line);
      }
    } finally {
      Arrays.fill(line, (byte) 0);
    }
    session.flush();
  }

  /** A line over its bound (RFC 2449 §4). */
  public void onTooLong() {
    if (session.closing()) {
      return;
    }
    if (session.takeSaslResponse() != null) {
      session.err(null, "Authentication cancelled: response too long");
    } else {
      bad("Line too long");
    }
    session.flush();
  }

  private void run(byte[] line) {
    Pop3Command command;
    try {
      command = CommandParser.parse(line);
    } catch (ParseException e) {
      bad(e.getMessage());
      return;
    }
    try {
      Pop3Row row = session.table().rowFor(command);
      session.services().securityLog().metrics().command("pop3", row == null ? null : row.verb());
      if (row == null) {
        bad("Unknown command");
      } else if (!row.states().contains(session.state())) {
        bad(row.verb() + " is not allowed now");
      } else {
        attempt(row.verb(), () -> row.handler().handle(command, session));
      }
    } finally {
      if (command instanceof Pop3Command.Pass pass) {
        // Whether or not it ran: a PASS out of state still carried a password.
        Arrays.fill(pass.password(), '\0');
      }
    }
  }

  /** Runs {@code work}, turning its failure into the answer the client gets. */
  public void attempt(String verb, Work work) {
    try {
      work.run();
    } catch (Pop3Failure failure) {
      session.err(failure.code(), failure.getMessage());
    } catch (MailvaultException e) {
      String id = RandomIds.hex(6);
      LOG.warn("{} failed [{}]: {}", verb, id, e.getMessage());
      session.err(Pop3Failure.SYS_TEMP, "Mailbox unavailable, try again later (" + id + ")");
    } catch (RuntimeException e) {
      String id = RandomIds.hex(6);
      LOG.error("{} failed [{}]", verb, id, e);
      session.err(Pop3Failure.SYS_TEMP, "Internal error (" + id + ")");
    }
  }

  /** A bad command: {@code -ERR}, and once the budget is spent, the connection ends. */
  private void bad(String text) {
    errors++;
    if (errors >= session.services().limits().errorBudget()) {
      session.err(null, "Too many bad commands, closing");
      session.close();
      return;
    }
    session.err(null, text);
  }
}
