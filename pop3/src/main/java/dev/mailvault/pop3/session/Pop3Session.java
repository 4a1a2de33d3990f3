package dev.mailvault.pop3.session;

import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.pop3.codec.Responses;
import dev.mailvault.protocol.command.CommandTable;
import dev.mailvault.protocol.exec.SerialExecutor;
import java.util.List;
import java.util.function.Consumer;

/**
 * One POP3 session (RFC 1939 §3): AUTHORIZATION until a login, then TRANSACTION on the maildrop,
 * UPDATE at QUIT. Runs on its connection's {@link SerialExecutor} (see the package notes).
 */
public final class Pop3Session {

  private final Pop3Services services;
  private final Transport transport;
  private final SerialExecutor executor;
  private final CommandTable<Pop3Row, Pop3State, Pop3Session> table;
  private final Pop3Dispatcher dispatcher;

  private volatile Pop3State state = Pop3State.AUTHORIZATION;
  private volatile Consumer<byte[]> saslResponse;
  private boolean closing;
  private String user;
  private boolean utf8;
  private EmailAddress address;
  private MailboxAccess mailbox;
  private Maildrop maildrop;

  public Pop3Session(
      Pop3Services services,
      Transport transport,
      SerialExecutor executor,
      CommandTable<Pop3Row, Pop3State, Pop3Session> table) {
    this.services = services;
    this.transport = transport;
    this.executor = executor;
    this.table = table;
    this.dispatcher = new Pop3Dispatcher(this);
  }

  public Pop3Services services() {
    return services;
  }

  public Transport transport() {
    return transport;
  }

  public SerialExecutor executor() {
    return executor;
  }

  public CommandTable<Pop3Row, Pop3State, Pop3Session> table() {
    return table;
  }

  public Pop3Dispatcher dispatcher() {
    return dispatcher;
  }

  /** Read by the event loop too (the login deadline, the reader's bound). */
  public Pop3State state() {
    return state;
  }

  /** The CAPA tags this session has now (RFC 2449 §5), read from the command table. */
  public List<String> capabilities() {
    return table.keywords(this);
  }

  // ------------------------------------------------------------------- AUTHORIZATION

  /** The name a USER command gave, or null. */
  public String user() {
    return user;
  }

  public void user(String name) {
    this.user = name;
  }

  /** RFC 6856 §3: the client said UTF8. */
  public boolean utf8() {
    return utf8;
  }

  public void utf8(boolean on) {
    this.utf8 = on;
  }

  /** Whether the next line is a SASL response, not a command (RFC 5034 §4). */
  public boolean awaitingSaslResponse() {
    return saslResponse != null;
  }

  /** The next line goes to {@code then}; set before the {@code +} that asks for it is written. */
  public void awaitSaslResponse(Consumer<byte[]> then) {
    saslResponse = then;
  }

  /** The awaited response's consumer, taken once; null when none is awaited. */
  Consumer<byte[]> takeSaslResponse() {
    Consumer<byte[]> then = saslResponse;
    saslResponse = null;
    return then;
  }

  /** A login succeeded: the maildrop is fixed, the session enters TRANSACTION. */
  public void loggedIn(EmailAddress address, MailboxAccess mailbox, Maildrop maildrop) {
    this.address = address;
    this.mailbox = mailbox;
    this.maildrop = maildrop;
    this.user = null;
    this.state = Pop3State.TRANSACTION;
  }

  // ------------------------------------------------------------------- TRANSACTION

  public EmailAddress address() {
    return address;
  }

  public MailboxAccess mailbox() {
    return mailbox;
  }

  public Maildrop maildrop() {
    return maildrop;
  }

  public void enterUpdate() {
    state = Pop3State.UPDATE;
  }

  /** Gives the mailbox back; without QUIT nothing marked is removed (RFC 1939 §6). */
  public void end() {
    if (mailbox != null) {
      mailbox.close();
      mailbox = null;
    }
  }

  /**
   * Ends the connection once what was written has left. Lines the client sent after it (behind a
   * QUIT, say) are not run: a PASS pipelined behind QUIT must not start a login.
   */
  public void close() {
    closing = true;
    saslResponse = null;
    transport.close();
  }

  /** Whether {@link #close()} was called. */
  public boolean closing() {
    return closing;
  }

  // ------------------------------------------------------------------- writing

  public void ok(String text) {
    transport.write(Responses.ok(text));
  }

  public void err(String code, String text) {
    transport.write(Responses.err(code, text));
  }

  public void flush() {
    transport.flush();
  }
}
