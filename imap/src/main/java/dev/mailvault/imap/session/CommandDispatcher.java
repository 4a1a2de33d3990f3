package dev.mailvault.imap.session;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.imap.codec.CommandParser;
import dev.mailvault.imap.codec.FramerEvent;
import dev.mailvault.imap.codec.ImapCommand;
import dev.mailvault.imap.codec.ImapResponse.Condition;
import dev.mailvault.imap.codec.ParseException;
import dev.mailvault.imap.codec.ResponseCode;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one framed command through parser, state check and handler, and makes sure it ends with
 * exactly one tagged answer (RFC 9051 §2.2.2), preceded by what the client must be told about its
 * selected folder. Called on the session's serial executor.
 */
public final class CommandDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);

  private final ImapSession session;
  private final CommandParser parser = new CommandParser();
  private Consumer<byte[]> lineConsumer;

  public CommandDispatcher(ImapSession session) {
    this.session = session;
  }

  /**
   * Hands the next line the client sends to {@code consumer} instead of the parser: the answer to a
   * SASL continuation (RFC 9051 §6.2.2).
   */
  public void awaitLine(Consumer<byte[]> consumer) {
    this.lineConsumer = consumer;
  }

  public void onFrame(byte[] frame) {
    try {
      if (lineConsumer != null) {
        Consumer<byte[]> consumer = lineConsumer;
        lineConsumer = null;
        consumer.accept(frame);
      } else if (session.idle() != null) {
        endIdle(frame);
      } else {
        run(frame);
      }
    } finally {
      session.flush();
    }
  }

  /** A command the framer refused (RFC 9051 §7.1.5; RFC 7888 §4 for literals over the limit). */
  public void onFrameError(FramerEvent.FrameError error) {
    try {
      String tag = error.tag();
      switch (error.kind()) {
        case LITERAL_TOO_BIG, COMMAND_TOO_BIG -> {
          if (tag == null) {
            session.status(null, Condition.BAD, null, "Literal too large");
          } else {
            session.no(tag, ResponseCode.TOOBIG, "Literal too large");
          }
        }
        case NON_SYNC_TOO_BIG -> {
          // RFC 7888 §4: refused with BAD; the connection then closes, so say why first, as
          // LOGOUT does (RFC 9051 §6.1.3).
          session.untagged("BYE Literal too large; closing the connection");
          session.status(tag, Condition.BAD, ResponseCode.TOOBIG, "Literal too large");
        }
        case BUSY -> {
          // ADR 0166: the node holds as much unfinished input as it may; the client may retry.
          if (tag == null) {
            session.status(null, Condition.NO, ResponseCode.LIMIT, "Server busy, try again later");
          } else {
            session.no(tag, ResponseCode.LIMIT, "Server busy, try again later");
          }
        }
        case LINE_TOO_LONG -> session.status(tag, Condition.BAD, null, "Command line too long");
        case BAD_LITERAL -> session.status(tag, Condition.BAD, null, "Invalid literal");
      }
    } finally {
      session.flush();
    }
  }

  private void run(byte[] frame) {
    ImapCommand command;
    try {
      command = parser.parse(frame, session.nameEncoding());
    } catch (ParseException e) {
      session.status(e.tag(), Condition.BAD, null, e.getMessage());
      return;
    }
    CommandSpec<?> spec = session.table().specFor(command);
    session.services().securityLog().metrics().command("imap", spec == null ? null : spec.verb());
    if (spec == null) {
      session.bad(command.tag(), "Command not supported");
      return;
    }
    if (!spec.states().contains(session.state())) {
      session.bad(command.tag(), stateText(session.state(), spec));
      return;
    }
    session.beginCommand(spec.expungesAllowed() || isUidCommand(command));
    try {
      spec.run(command, session);
    } catch (MailvaultException e) {
      ErrorResponses.Answer answer =
          ErrorResponses.of(
              e,
              command instanceof ImapCommand.Append
                  || command instanceof ImapCommand.Copy
                  || command instanceof ImapCommand.Move);
      finish(command.tag(), answer);
    } catch (RuntimeException e) {
      LOG.error("{} failed: {}", spec.name(), e.getClass().getName(), e);
      finish(command.tag(), ErrorResponses.serverBug());
    }
  }

  private void finish(String tag, ErrorResponses.Answer answer) {
    if (answer.condition() != Condition.BAD) {
      session.announceQuietly();
    }
    session.status(tag, answer.condition(), answer.code(), answer.text());
  }

  /** RFC 2177 §3: IDLE ends with DONE; anything else is a BAD that ends it too. */
  private void endIdle(byte[] frame) {
    IdleState idle = session.endIdle();
    idle.cancelTimers();
    session.announceQuietly();
    if (CommandParser.isDone(frame)) {
      session.ok(idle.tag(), "IDLE terminated");
    } else {
      session.bad(idle.tag(), "Expected DONE");
    }
  }

  private static boolean isUidCommand(ImapCommand command) {
    return (command instanceof ImapCommand.Fetch fetch && fetch.uid())
        || (command instanceof ImapCommand.Store store && store.uid())
        || (command instanceof ImapCommand.Search search && search.uid())
        || (command instanceof ImapCommand.Sort sort && sort.uid())
        || (command instanceof ImapCommand.ThreadCommand thread && thread.uid());
  }

  private static String stateText(SessionState state, CommandSpec<?> spec) {
    if (state == SessionState.NOT_AUTHENTICATED) {
      return "Log in first";
    }
    if (spec.states().contains(SessionState.SELECTED)) {
      return "Select a mailbox first";
    }
    return state == SessionState.LOGOUT ? "Logging out" : "Already logged in";
  }
}
