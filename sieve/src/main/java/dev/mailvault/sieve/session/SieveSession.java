package dev.mailvault.sieve.session;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.protocol.command.CommandTable;
import dev.mailvault.protocol.exec.SerialExecutor;
import dev.mailvault.sieve.codec.Responses;
import java.util.List;
import java.util.function.Consumer;

/**
 * One ManageSieve session (RFC 5804): NON_AUTHENTICATED until AUTHENTICATE succeeds, then
 * AUTHENTICATED on one alias's scripts until UNAUTHENTICATE or LOGOUT. Runs on its connection's
 * {@link SerialExecutor} (see the package notes).
 */
public final class SieveSession {

  private final SieveServices services;
  private final Transport transport;
  private final SerialExecutor executor;
  private final CommandTable<SieveRow, SieveState, SieveSession> table;
  private final SieveDispatcher dispatcher;

  private volatile SieveState state = SieveState.NON_AUTHENTICATED;
  private volatile Consumer<byte[]> saslResponse;
  private boolean closing;
  private EmailAddress alias;

  public SieveSession(
      SieveServices services,
      Transport transport,
      SerialExecutor executor,
      CommandTable<SieveRow, SieveState, SieveSession> table) {
    this.services = services;
    this.transport = transport;
    this.executor = executor;
    this.table = table;
    this.dispatcher = new SieveDispatcher(this);
  }

  public SieveServices services() {
    return services;
  }

  public Transport transport() {
    return transport;
  }

  public SerialExecutor executor() {
    return executor;
  }

  public SieveDispatcher dispatcher() {
    return dispatcher;
  }

  CommandTable<SieveRow, SieveState, SieveSession> table() {
    return table;
  }

  /** Read by the event loop too (the login deadline). */
  public SieveState state() {
    return state;
  }

  /** The capabilities this session has now (RFC 5804 §1.7), read from the command table. */
  public List<String> capabilities() {
    return table.keywords(this);
  }

  /** RFC 5804 §1.7: the capability lines and OK, as the greeting and CAPABILITY send them. */
  public void writeCapabilities(String text) {
    transport.write(Responses.capabilities(capabilities()));
    ok(null, text);
  }

  /** Whether the next request is a SASL response, not a command (RFC 5804 §2.1). */
  public boolean awaitingSaslResponse() {
    return saslResponse != null;
  }

  /** The next request goes to {@code then}; set before the challenge that asks for it leaves. */
  public void awaitSaslResponse(Consumer<byte[]> then) {
    saslResponse = then;
  }

  /** The awaited response's consumer, taken once; null when none is awaited. */
  Consumer<byte[]> takeSaslResponse() {
    Consumer<byte[]> then = saslResponse;
    saslResponse = null;
    return then;
  }

  /** A login succeeded: the session works on {@code address}'s scripts. */
  public void loggedIn(EmailAddress address) {
    this.alias = address;
    this.state = SieveState.AUTHENTICATED;
  }

  /** RFC 5804 §2.14.1 UNAUTHENTICATE: back to the state of a new connection (TLS stays). */
  public void loggedOut() {
    this.alias = null;
    this.state = SieveState.NON_AUTHENTICATED;
  }

  /** The alias whose scripts the session manages; only in AUTHENTICATED. */
  public EmailAddress alias() {
    return alias;
  }

  /**
   * Ends the connection once what was written has left; requests the client sent after it are not
   * run.
   */
  public void close() {
    closing = true;
    saslResponse = null;
    transport.close();
  }

  public boolean closing() {
    return closing;
  }

  // ------------------------------------------------------------------- writing

  public void ok(String code, String text) {
    transport.write(Responses.ok(code, text));
  }

  public void no(String code, String text) {
    transport.write(Responses.no(code, text));
  }

  /** {@code BYE}, then the connection closes. */
  public void bye(String code, String text) {
    transport.write(Responses.bye(code, text));
    close();
  }

  public void write(byte[] bytes) {
    transport.write(bytes);
  }

  public void flush() {
    transport.flush();
  }
}
