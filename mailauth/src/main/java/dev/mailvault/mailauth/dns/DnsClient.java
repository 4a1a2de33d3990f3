package dev.mailvault.mailauth.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks DNS servers (the system's, or the {@code dns.resolvers} setting's) for records, and tells
 * "no such record" apart from "could not find out": SPF's temperror, a delivery retry and DMARC's
 * "none" all depend on the difference. Blocking: call it from a worker thread, never an event loop.
 */
public final class DnsClient {

  /** How long one question may take, all servers and retries included. */
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** Enough for every domain a busy node sends to and hears from in an hour or so. */
  private static final int CACHE_ENTRIES = 10_000;

  private final Resolver resolver;
  private final DnsAnswerCache cache;

  private DnsClient(Resolver resolver) {
    this(resolver, null);
  }

  private DnsClient(Resolver resolver, DnsAnswerCache cache) {
    this.resolver = resolver;
    this.cache = cache;
  }

  /**
   * This client with its answers kept for their TTL (RFC 1035 §3.2.1, RFC 2308 §5; at most an
   * hour), so a queue delivering to one domain over and over, or an MX hearing from one sender,
   * does not ask the same question each time. Ages are measured on {@code nanoTime}.
   */
  public DnsClient cached(LongSupplier nanoTime) {
    return new DnsClient(resolver, new DnsAnswerCache(CACHE_ENTRIES, nanoTime));
  }

  /** The resolvers of {@code /etc/resolv.conf} (or the platform's equivalent). */
  public static DnsClient system() {
    ExtendedResolver resolver = new ExtendedResolver();
    resolver.setTimeout(TIMEOUT);
    return new DnsClient(resolver);
  }

  /**
   * The given resolvers, each {@code host} or {@code host:port} ({@code [v6]:port} for an IPv6
   * address with a port), asked in turn.
   *
   * @throws IllegalArgumentException when an entry is not an address with an optional port
   */
  public static DnsClient of(List<String> servers) {
    if (servers.isEmpty()) {
      return system();
    }
    List<Resolver> each = new ArrayList<>();
    for (String server : servers) {
      SimpleResolver simple = new SimpleResolver(parse(server.trim()));
      simple.setTimeout(TIMEOUT);
      each.add(simple);
    }
    ExtendedResolver resolver = new ExtendedResolver(each);
    resolver.setTimeout(TIMEOUT);
    resolver.setLoadBalance(false);
    return new DnsClient(resolver);
  }

  static InetSocketAddress parse(String server) {
    String host = server;
    int port = 53;
    if (server.startsWith("[")) {
      int close = server.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("'" + server + "' is not host[:port]");
      }
      host = server.substring(1, close);
      if (close + 1 < server.length()) {
        port = port(server, server.substring(close + 1));
      }
    } else if (server.indexOf(':') >= 0 && server.indexOf(':') == server.lastIndexOf(':')) {
      host = server.substring(0, server.indexOf(':'));
      port = port(server, server.substring(server.indexOf(':')));
    }
    try {
      // Only literal addresses: a resolver named by a host name would need a resolver first.
      if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
        throw new IllegalArgumentException("'" + server + "' is not an IP address[:port]");
      }
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + server + "' is not an IP address[:port]", e);
    }
  }

  private static int port(String server, String colonPort) {
    try {
      int port = Integer.parseInt(colonPort.substring(1));
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("'" + server + "' has no valid port", e);
    }
  }

  /**
   * The records of {@code type} at {@code name}: empty for NXDOMAIN or no data.
   *
   * @throws DnsTemporaryException when the answer could not be had (SERVFAIL, REFUSED, timeout)
   */
  public DnsAnswer query(String name, int type) throws DnsTemporaryException {
    Name qname;
    try {
      qname = Name.fromString(name.endsWith(".") ? name : name + ".");
    } catch (TextParseException e) {
      // A name DNS cannot carry has no records (RFC 7208 §4.3: treated as "none").
      return new DnsAnswer(List.of(), false, true);
    }
    String key = qname.toString().toLowerCase(Locale.ROOT);
    if (cache != null) {
      DnsAnswer kept = cache.get(key, type);
      if (kept != null) {
        return kept;
      }
    }
    Message question = Message.newQuery(Record.newRecord(qname, type, DClass.IN));
    // RFC 6840 §5.7: ask for the AD bit, so a validating resolver says what it validated.
    question.getHeader().setFlag(Flags.AD);
    Message answer;
    try {
      answer = resolver.send(question);
    } catch (IOException e) {
      throw new DnsTemporaryException(name, Type.string(type), e.getMessage());
    }
    int rcode = answer.getRcode();
    boolean authenticated = answer.getHeader().getFlag(Flags.AD);
    if (rcode == Rcode.NXDOMAIN) {
      return kept(key, type, new DnsAnswer(List.of(), authenticated, true), answer);
    }
    if (rcode != Rcode.NOERROR) {
      throw new DnsTemporaryException(name, Type.string(type), Rcode.string(rcode));
    }
    List<Record> records = new ArrayList<>();
    for (Record record : answer.getSection(Section.ANSWER)) {
      if (record.getType() == type) {
        records.add(record);
      }
    }
    return kept(key, type, new DnsAnswer(List.copyOf(records), authenticated, false), answer);
  }

  private DnsAnswer kept(String key, int type, DnsAnswer result, Message message) {
    if (cache != null) {
      cache.put(key, type, result, message);
    }
    return result;
  }
}
