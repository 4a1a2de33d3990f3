package dev.mailvault.smtp.session;

import dev.mailvault.smtp.codec.SmtpCommand;
import dev.mailvault.smtp.codec.SmtpInput;
import dev.mailvault.smtp.codec.SmtpReply;
import java.util.Arrays;

/**
 * One SMTP conversation (RFC 5321 §3, §4.1.4): greeting, EHLO, mail transactions, QUIT. Each
 * command runs the row of the command table ({@link SmtpCommands}) if the {@link Conversation}'s
 * state allows it, and gets the row's 503 if not.
 *
 * <p>Concurrency: every method runs on the connection's serial executor, one at a time, on a worker
 * thread; nothing here runs on an event loop, so directory look-ups and deliveries may block.
 * Replies go out through the {@link Transport} in the order they are made.
 */
public final class SmtpSession {

  private final SmtpServices services;
  private final Transport transport;
  private final Conversation conversation = new Conversation();

  /**
   * The reply a BDAT gets once its chunk is read, when the command itself is refused (RFC 3030 §2);
   * the reader always yields the chunk next, which takes it.
   */
  private SmtpReply refusedChunk;

  /** Submission: what the next SASL response line is for (RFC 4954 §4); null when none is due. */
  private SaslStep saslStep;

  public SmtpSession(SmtpServices services, Transport transport) {
    this.services = services;
    this.transport = transport;
  }

  /** RFC 5321 §4.3.1: the 220 greeting, or 421 for an address that spent its error budget. */
  public void greet() {
    if (services.errors().exhausted(transport.remoteAddress())) {
      services
          .securityLog()
          .connectionRefused(services.protocol(), transport.remoteAddress(), "error-budget");
      closeWith(SmtpReply.of(421, "4.7.0", "Too many errors from your address; try later"));
      return;
    }
    transport.reply(SmtpReply.of(220, null, services.hostname() + " ESMTP Mailvault ready"));
  }

  /** The client sent nothing for the configured time (RFC 5321 §4.5.3.2.7). */
  public void timedOut() {
    closeWith(
        SmtpReply.of(
            421, "4.4.2", services.hostname() + " Timeout waiting for input; closing connection"));
  }

  /** Message data came more slowly than the minimum rate (ADR 0176). */
  public void tooSlow() {
    closeWith(
        SmtpReply.of(
            421, "4.4.2", services.hostname() + " Data sent too slowly; closing connection"));
  }

  public void onInput(SmtpInput input) {
    if (conversation.state() == SmtpState.CLOSED) {
      return;
    }
    if (input instanceof SmtpInput.Command command) {
      onCommand(command.command());
    } else if (input instanceof SmtpInput.Malformed malformed) {
      refuse(malformed.reply());
    } else if (input instanceof SmtpInput.Message message) {
      MessageIntake.message(this, message);
    } else if (input instanceof SmtpInput.Chunk chunk) {
      onChunk(chunk);
    } else if (input instanceof SmtpInput.SaslResponse response) {
      onSaslResponse(response);
    }
  }

  /** The answer to a 334: the step that asked takes it; a refusal ends the exchange. */
  private void onSaslResponse(SmtpInput.SaslResponse response) {
    SaslStep step = saslStep;
    saslStep = null;
    byte[] line = response.line();
    try {
      if (step == null) {
        throw new IllegalStateException("a SASL response nobody asked for");
      }
      if (line == null) {
        // RFC 4954 §6: 500 5.5.6, authentication exchange line is too long.
        throw new SmtpRefusal(500, "5.5.6", "Authentication exchange line is too long");
      }
      step.answer(line);
    } catch (SmtpRefusal refusal) {
      transport.resumeCommands();
      transport.reply(refusal.reply());
    } finally {
      if (line != null) {
        Arrays.fill(line, (byte) 0);
      }
    }
  }

  private void onCommand(SmtpCommand command) {
    SmtpCommandSpec<?> row = services.commands().rowFor(command);
    services.securityLog().metrics().command(services.protocol(), row == null ? null : row.verb());
    try {
      if (row == null) {
        throw new SmtpRefusal(502, "5.5.1", "Command not implemented");
      }
      SmtpState state = conversation.state();
      if (!row.states().contains(state)) {
        throw row.refusalIn(state);
      }
      row.run(this, command);
    } catch (SmtpRefusal refusal) {
      SmtpCommandSpec.Reading reading = row == null ? unlisted(command) : row.reading();
      switch (reading) {
        case CHUNK -> refusedChunk = refusal.reply();
        case PAUSED -> {
          transport.resumeCommands();
          refuse(refusal.reply());
        }
        case COMMANDS -> refuse(refusal.reply());
      }
    }
  }

  /**
   * How the reader goes on after a command this server has no row for: it pauses after every AUTH
   * ({@code SmtpReader}), which the MX answers 502 like any command it does not offer.
   */
  private static SmtpCommandSpec.Reading unlisted(SmtpCommand command) {
    return command instanceof SmtpCommand.Auth
        ? SmtpCommandSpec.Reading.PAUSED
        : SmtpCommandSpec.Reading.COMMANDS;
  }

  private void onChunk(SmtpInput.Chunk chunk) {
    if (refusedChunk != null) {
      SmtpReply reply = refusedChunk;
      refusedChunk = null;
      refuse(reply);
      return;
    }
    MessageIntake.chunk(this, chunk);
  }

  /** The connection is gone: an unfinished BDAT message returns its budget and spill file. */
  public void connectionClosed() {
    conversation.close();
  }

  // ------------------------------------------------------------------ for the handlers

  SmtpServices services() {
    return services;
  }

  Transport transport() {
    return transport;
  }

  Conversation conversation() {
    return conversation;
  }

  /** After a 334: the next line the reader hands over goes to {@code step}. */
  void awaitSaslResponse(SaslStep step) {
    saslStep = step;
  }

  /** Sends a refusal caused by the client and charges the client's error budget. */
  void refuse(SmtpReply reply) {
    transport.reply(reply);
    if (services.errors().charge(transport.remoteAddress())) {
      services
          .securityLog()
          .connectionRefused(services.protocol(), transport.remoteAddress(), "error-budget-spent");
      closeWith(SmtpReply.of(421, "4.7.0", "Too many errors; closing connection"));
    }
  }

  void closeWith(SmtpReply reply) {
    conversation.close();
    transport.reply(reply);
    transport.close();
  }
}
