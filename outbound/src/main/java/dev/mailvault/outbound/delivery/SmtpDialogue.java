package dev.mailvault.outbound.delivery;

import dev.mailvault.core.outbound.DsnNotify;
import dev.mailvault.core.outbound.DsnReturn;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.outbound.DeliveryAttempt;
import dev.mailvault.outbound.RecipientResult;
import dev.mailvault.outbound.RecipientResult.Outcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * One SMTP transaction with one address of one MX host (RFC 5321 §3.3): greeting, EHLO (HELO when
 * EHLO is refused), STARTTLS whenever offered, MAIL with the extensions the host announced, one
 * RCPT per recipient, DATA. Recipients the host refuses get its reply; the others get the reply to
 * the message. Commands are sent one at a time: PIPELINING (RFC 2920) would save round trips, not
 * change a result. A session that ended its transaction in step with the host waits a moment for
 * the next message to the same domain instead of QUIT (ADR 0231).
 */
final class SmtpDialogue {

  /**
   * How long a parked session may take to answer RSET before another is opened (Postfix's {@code
   * smtp_rset_timeout}): a host that went silent must not hold a delivery for the 5 minutes a
   * command may take.
   */
  private static final Duration RSET_PROBE = Duration.ofSeconds(20);

  private final DeliverySettings settings;
  private final TlsUpgrade tls;
  private final IdleConnections idle;
  private final LongSupplier nanoTime;

  SmtpDialogue(DeliverySettings settings, TlsUpgrade tls, LongSupplier nanoTime) {
    this.settings = settings;
    this.tls = tls;
    this.nanoTime = nanoTime;
    this.idle =
        new IdleConnections(
            settings.connectionIdle(),
            settings.connectionsPerDomain(),
            nanoTime,
            session -> {
              quit(session.connection());
              session.connection().close();
            });
  }

  /** Ends every session kept open for reuse. */
  void closeIdle() {
    idle.close();
  }

  /** How many sessions wait for reuse now (for tests and diagnostics). */
  int idleSessions() {
    return idle.size();
  }

  /**
   * A result for every recipient once the host took part in a transaction, over a session left open
   * by an earlier message to the same domain when one fits (ADR 0231), else a new one.
   *
   * @throws DeliveryFailure before any recipient was answered: temporary when another host may do
   *     better (no connection, a 4xx greeting, TLS it must offer and does not), permanent when the
   *     message can go to no host of the domain (5xx to MAIL, SMTPUTF8 or REQUIRETLS missing)
   */
  List<RecipientResult> deliver(
      InetAddress address, TlsRequirement requirement, DeliveryAttempt attempt)
      throws DeliveryFailure {
    String host = requirement.hostName();
    SmtpSession session = reused(address, requirement, attempt.domain());
    if (session == null) {
      session = open(address, requirement, host);
    }
    boolean parked = false;
    try {
      List<RecipientResult> results = transaction(session, attempt, host);
      parked = session.inStep() && idle.park(attempt.domain(), session);
      if (!parked && session.inStep()) {
        quit(session.connection());
      }
      return results;
    } catch (IOException e) {
      throw new DeliveryFailure(
          Outcome.TEMPORARY,
          "4.4.2",
          "connection to the MX host lost: " + e.getMessage(),
          Optional.of(host));
    } finally {
      if (!parked) {
        session.connection().close();
      }
    }
  }

  /**
   * A parked session to the same address with the same TLS checks that still answers RSET (RFC 5321
   * §4.1.1.5): the host may have closed it meanwhile, and then a new one is opened.
   */
  private SmtpSession reused(InetAddress address, TlsRequirement requirement, String domain) {
    while (true) {
      Optional<SmtpSession> parked = idle.take(domain, address, requirement);
      if (parked.isEmpty()) {
        return null;
      }
      SmtpSession session = parked.get();
      try {
        Duration wait = settings.timeouts().command();
        if (wait.compareTo(RSET_PROBE) > 0) {
          wait = RSET_PROBE;
        }
        if (session.connection().command("RSET", wait).code() == 250) {
          return session;
        }
      } catch (IOException e) {
        // closed by the host while it waited: try the next one
      }
      session.connection().close();
    }
  }

  /** A new connection through greeting, EHLO and STARTTLS as {@code requirement} asks. */
  private SmtpSession open(InetAddress address, TlsRequirement requirement, String host)
      throws DeliveryFailure {
    Optional<String> remote = Optional.of(host);
    SmtpTimeouts timeouts = settings.timeouts();
    SmtpConnection connection;
    try {
      connection =
          SmtpConnection.open(
              new InetSocketAddress(address, settings.smtpPort()), timeouts.connect());
    } catch (IOException e) {
      throw new DeliveryFailure(
          Outcome.TEMPORARY, "4.4.1", "connection to the MX host failed", remote);
    }
    boolean ready = false;
    try {
      SmtpReply greeting = connection.reply(timeouts.greeting());
      if (!greeting.positive()) {
        // RFC 5321 §3.1: a host that will not talk is a host problem: the next MX may serve.
        throw new DeliveryFailure(Outcome.TEMPORARY, "4.4.2", greeting.diagnostic(), remote);
      }
      EhloCapabilities capabilities = hello(connection, host);
      capabilities = secure(connection, capabilities, requirement, host);
      ready = true;
      return new SmtpSession(connection, capabilities, address, requirement, nanoTime.getAsLong());
    } catch (IOException e) {
      throw new DeliveryFailure(
          Outcome.TEMPORARY, "4.4.2", "connection to the MX host lost: " + e.getMessage(), remote);
    } finally {
      if (!ready) {
        connection.close();
      }
    }
  }

  /**
   * MAIL, RCPT for each recipient, DATA. Returns normally only with every reply read, so the
   * session is in step with the host and may carry another transaction.
   */
  private List<RecipientResult> transaction(
      SmtpSession session, DeliveryAttempt attempt, String host)
      throws IOException, DeliveryFailure {
    SmtpConnection connection = session.connection();
    EhloCapabilities capabilities = session.capabilities();
    SmtpTimeouts timeouts = settings.timeouts();
    Optional<String> remote = Optional.of(host);
    checkExtensions(capabilities, attempt, host);
    SmtpReply mail = connection.command(mailFrom(capabilities, attempt), timeouts.command());
    if (!mail.positive()) {
      throw DeliveryFailure.reply(host, mail);
    }
    Map<OutboundRecipient, RecipientResult> results = new LinkedHashMap<>();
    List<OutboundRecipient> accepted = new ArrayList<>();
    for (OutboundRecipient recipient : attempt.recipients()) {
      SmtpReply rcpt = connection.command(rcptTo(capabilities, recipient), timeouts.command());
      if (rcpt.positive()) {
        accepted.add(recipient);
      } else {
        // One recipient's refusal holds back no other (issue 13).
        results.put(recipient, result(recipient, rcpt, host));
      }
    }
    if (accepted.isEmpty()) {
      return ordered(attempt, results);
    }
    SmtpReply data = connection.command("DATA", timeouts.dataInitiation());
    if (data.code() != 354) {
      accepted.forEach(r -> results.put(r, result(r, data, host)));
      return ordered(attempt, results);
    }
    SmtpReply end;
    try {
      end =
          connection.data(
              DotStuffing.stuff(attempt.raw()), timeouts.dataBlock(), timeouts.dataTermination());
    } catch (IOException e) {
      // RFC 5321 §4.1.1.4 and RFC 1047: no reply to the dot. The host may have the message; a
      // retry may duplicate it, which is better than losing it. The session is not reused.
      session.outOfStep();
      for (OutboundRecipient r : accepted) {
        results.put(
            r,
            new RecipientResult(
                r.address(),
                Outcome.TEMPORARY,
                "4.4.2",
                "no reply to the end of the message",
                remote));
      }
      return ordered(attempt, results);
    }
    accepted.forEach(r -> results.put(r, result(r, end, host)));
    return ordered(attempt, results);
  }

  private EhloCapabilities hello(SmtpConnection connection, String host)
      throws IOException, DeliveryFailure {
    SmtpReply ehlo =
        connection.command("EHLO " + settings.heloName(), settings.timeouts().command());
    if (ehlo.code() == 250) {
      return EhloCapabilities.parse(ehlo);
    }
    // RFC 5321 §3.2: a server that does not know EHLO gets HELO, and no extensions are used.
    SmtpReply helo =
        connection.command("HELO " + settings.heloName(), settings.timeouts().command());
    if (helo.code() != 250) {
      throw new DeliveryFailure(Outcome.TEMPORARY, "4.4.2", helo.diagnostic(), Optional.of(host));
    }
    return EhloCapabilities.none();
  }

  /** RFC 3207: STARTTLS whenever offered; when TLS is required, no TLS means no delivery here. */
  private EhloCapabilities secure(
      SmtpConnection connection,
      EhloCapabilities capabilities,
      TlsRequirement requirement,
      String host)
      throws IOException, DeliveryFailure {
    Optional<String> remote = Optional.of(host);
    if (!capabilities.has("STARTTLS")) {
      if (requirement.required()) {
        throw new DeliveryFailure(
            Outcome.TEMPORARY,
            "4.7.4",
            "the MX host offers no STARTTLS, and " + requirement.reason(),
            remote);
      }
      return capabilities;
    }
    SmtpReply start = connection.command("STARTTLS", settings.timeouts().command());
    if (start.code() != 220) {
      if (requirement.required()) {
        throw new DeliveryFailure(Outcome.TEMPORARY, "4.7.4", start.diagnostic(), remote);
      }
      return capabilities;
    }
    try {
      connection.startTls(tls, requirement, settings.smtpPort(), settings.timeouts().connect());
    } catch (IOException e) {
      // RFC 8461 §5 and RFC 7672 §2.2: a failed check defers; an opportunistic handshake that fails
      // leaves the connection unusable, so the next host (or attempt) is tried too.
      throw new DeliveryFailure(
          Outcome.TEMPORARY,
          "4.7.5",
          "TLS with the MX host failed"
              + (requirement.required() ? " (" + requirement.reason() + ")" : ""),
          remote);
    }
    // RFC 3207 §4.2: what was learnt before TLS is forgotten; ask again.
    SmtpReply ehlo =
        connection.command("EHLO " + settings.heloName(), settings.timeouts().command());
    if (ehlo.code() != 250) {
      throw new DeliveryFailure(Outcome.TEMPORARY, "4.4.2", ehlo.diagnostic(), remote);
    }
    return EhloCapabilities.parse(ehlo);
  }

  private static void checkExtensions(
      EhloCapabilities capabilities, DeliveryAttempt attempt, String host) throws DeliveryFailure {
    Optional<String> remote = Optional.of(host);
    if (attempt.smtpUtf8() && !capabilities.has("SMTPUTF8")) {
      // RFC 6531 §3.2: without SMTPUTF8 at the next hop, such a message cannot be relayed.
      throw new DeliveryFailure(
          Outcome.PERMANENT,
          "5.6.7",
          "the MX host does not offer SMTPUTF8, which the message needs",
          remote);
    }
    OptionalLong limit = capabilities.sizeLimit();
    if (limit.isPresent() && attempt.raw().length > limit.getAsLong()) {
      // RFC 1870 §6.1: over the announced limit, sending it would only be refused.
      throw new DeliveryFailure(
          Outcome.PERMANENT, "5.3.4", "the message is larger than the MX host accepts", remote);
    }
    if (attempt.requireTls() && !capabilities.has("REQUIRETLS")) {
      // RFC 8689 §4.2.1: the next hop must promise REQUIRETLS too, or the message goes nowhere.
      throw new DeliveryFailure(
          Outcome.PERMANENT, "5.7.30", "REQUIRETLS: the MX host does not offer REQUIRETLS", remote);
    }
  }

  private static String mailFrom(EhloCapabilities capabilities, DeliveryAttempt attempt) {
    StringBuilder line = new StringBuilder("MAIL FROM:<").append(attempt.mailFrom()).append('>');
    if (capabilities.has("SIZE")) {
      line.append(" SIZE=").append(attempt.raw().length); // RFC 1870 §6
    }
    if (attempt.eightBit() && capabilities.has("8BITMIME")) {
      line.append(" BODY=8BITMIME"); // RFC 6152 §3
    }
    if (attempt.smtpUtf8()) {
      line.append(" SMTPUTF8"); // RFC 6531 §3.4
    }
    if (capabilities.has("DSN")) {
      // RFC 3461 §4.3, §4.4: passed on only to a host that offers DSN.
      if (attempt.ret() == DsnReturn.FULL) {
        line.append(" RET=FULL");
      } else if (attempt.ret() == DsnReturn.HEADERS) {
        line.append(" RET=HDRS");
      }
      attempt.envelopeId().ifPresent(id -> line.append(" ENVID=").append(xtext(id)));
    }
    if (attempt.requireTls()) {
      line.append(" REQUIRETLS"); // RFC 8689 §4.1
    }
    return line.toString();
  }

  private static String rcptTo(EhloCapabilities capabilities, OutboundRecipient recipient) {
    StringBuilder line = new StringBuilder("RCPT TO:<").append(recipient.address()).append('>');
    if (capabilities.has("DSN")) {
      if (!recipient.notifyOn().isEmpty()) {
        // RFC 3461 §4.1
        line.append(" NOTIFY=")
            .append(
                recipient.notifyOn().stream()
                    .sorted()
                    .map(DsnNotify::name)
                    .collect(Collectors.joining(",")));
      }
      recipient
          .originalRecipient()
          .ifPresent(
              original -> {
                // RFC 3461 §4.2: addr-type ";" xtext.
                int semicolon = original.indexOf(';');
                String type = semicolon < 0 ? "rfc822" : original.substring(0, semicolon);
                String address = semicolon < 0 ? original : original.substring(semicolon + 1);
                line.append(" ORCPT=")
                    .append(type.toLowerCase(Locale.ROOT))
                    .append(';')
                    .append(xtext(address));
              });
    }
    return line.toString();
  }

  /** RFC 3461 §4: printable ASCII but "+" and "=" as is, every other octet as {@code +HH}. */
  static String xtext(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= '!' && c <= '~' && c != '+' && c != '=') {
        out.append((char) c);
      } else {
        out.append('+').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  private static RecipientResult result(OutboundRecipient recipient, SmtpReply reply, String host) {
    Outcome outcome =
        reply.code() / 100 == 2
            ? Outcome.DELIVERED
            : reply.transientFailure() ? Outcome.TEMPORARY : Outcome.PERMANENT;
    return new RecipientResult(
        recipient.address(), outcome, reply.status(), reply.diagnostic(), Optional.of(host));
  }

  private static List<RecipientResult> ordered(
      DeliveryAttempt attempt, Map<OutboundRecipient, RecipientResult> results) {
    List<RecipientResult> list = new ArrayList<>();
    for (OutboundRecipient recipient : attempt.recipients()) {
      list.add(results.get(recipient));
    }
    return list;
  }

  private void quit(SmtpConnection connection) {
    try {
      connection.command("QUIT", settings.timeouts().command());
    } catch (IOException e) {
      // RFC 5321 §4.1.1.10: the transaction is over; a lost QUIT changes nothing.
    }
  }
}
