package dev.mailvault.smtp.session;

import dev.mailvault.protocol.command.CommandRow;
import dev.mailvault.smtp.codec.SmtpCommand;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row of the SMTP command table (DESIGN §6, ADR 0192): the command, the states it is allowed
 * in, the EHLO keywords it brings, what the client is told when it comes out of sequence, and its
 * handler.
 *
 * @param verb the command as a client writes it
 * @param type the parsed command's record type
 * @param states the states in which it runs
 * @param keywords the EHLO keywords that exist because this command does
 * @param outOfSequence for every other state in which commands are read, the text of its 503 (RFC
 *     5321 §4.3.2: bad sequence of commands)
 * @param reading how the reader goes on after the command line, which decides how a refusal is sent
 * @param handler what runs it
 */
record SmtpCommandSpec<C extends SmtpCommand>(
    String verb,
    Class<C> type,
    Set<SmtpState> states,
    List<String> keywords,
    Map<SmtpState, String> outOfSequence,
    Reading reading,
    Handler<C> handler)
    implements CommandRow<SmtpState> {

  /** Runs one command; a refusal is the reply the client gets instead. */
  @FunctionalInterface
  interface Handler<C extends SmtpCommand> {
    void handle(SmtpSession session, C command) throws SmtpRefusal;
  }

  /** How the reader goes on after the command line ({@code SmtpReader}). */
  enum Reading {
    /** It reads the next command: a refusal is simply the reply. */
    COMMANDS,
    /**
     * It pauses until the session says how the next bytes are read (DATA, STARTTLS, QUIT): a
     * refusal tells it to read commands again.
     */
    PAUSED,
    /**
     * The chunk that follows the line is read either way (RFC 3030 §2, BDAT): a refusal is the
     * reply to the chunk, sent once the chunk has been read.
     */
    CHUNK
  }

  SmtpCommandSpec {
    states = Set.copyOf(states);
    keywords = List.copyOf(keywords);
    outOfSequence = Map.copyOf(outOfSequence);
    for (SmtpState state : SmtpState.OPEN) {
      if (states.contains(state) == outOfSequence.containsKey(state)) {
        throw new IllegalArgumentException(
            verb + " in " + state + ": needs either to be allowed or a 503 text, not both");
      }
    }
  }

  /** A row for {@code verb}, allowed in every state in which commands are read. */
  static <C extends SmtpCommand> Builder<C> command(
      String verb, Class<C> type, Handler<C> handler) {
    return new Builder<>(verb, type, handler);
  }

  /** The refusal for this command in {@code state}, one it is not allowed in. */
  SmtpRefusal refusalIn(SmtpState state) {
    return new SmtpRefusal(503, "5.5.1", outOfSequence.get(state));
  }

  @SuppressWarnings("unchecked")
  void run(SmtpSession session, SmtpCommand command) throws SmtpRefusal {
    handler.handle(session, (C) command);
  }

  /** Builds a row; {@link SmtpCommands} lists them. */
  static final class Builder<C extends SmtpCommand> {
    private final String verb;
    private final Class<C> type;
    private final Handler<C> handler;
    private final Set<SmtpState> states = EnumSet.copyOf(SmtpState.OPEN);
    private final Map<SmtpState, String> outOfSequence = new EnumMap<>(SmtpState.class);
    private List<String> keywords = List.of();
    private Reading reading = Reading.COMMANDS;

    private Builder(String verb, Class<C> type, Handler<C> handler) {
      this.verb = verb;
      this.type = type;
      this.handler = handler;
    }

    /** Allowed in these states only (every state in which commands are read, unless said). */
    Builder<C> allowedIn(SmtpState first, SmtpState... more) {
      states.clear();
      states.addAll(EnumSet.of(first, more));
      return this;
    }

    /** Refused with a 503 saying {@code text} in each state of {@code refused}. */
    Builder<C> outOfSequence(Collection<SmtpState> refused, String text) {
      for (SmtpState state : refused) {
        outOfSequence.put(state, text);
      }
      return this;
    }

    Builder<C> outOfSequence(SmtpState refused, String text) {
      return outOfSequence(List.of(refused), text);
    }

    Builder<C> keywords(String... names) {
      keywords = List.of(names);
      return this;
    }

    Builder<C> reading(Reading after) {
      reading = after;
      return this;
    }

    SmtpCommandSpec<C> build() {
      return new SmtpCommandSpec<>(verb, type, states, keywords, outOfSequence, reading, handler);
    }
  }
}
