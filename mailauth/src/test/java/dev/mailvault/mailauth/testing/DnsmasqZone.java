package dev.mailvault.mailauth.testing;

import dev.mailvault.mailauth.dns.DnsClient;
import dev.mailvault.mailauth.dns.DnsTemporaryException;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Type;

/**
 * A test DNS zone served by Debian's dnsmasq on 127.0.0.1 (a real DNS server, not a mock): MX, A,
 * AAAA, TXT, TLSA and raw records under the {@code .test} top-level domain (RFC 2606). Names under
 * {@code .test} that are not listed get NXDOMAIN; names anywhere else get REFUSED, which a {@link
 * DnsClient} reports as a temporary error (SPF temperror, a delivery retry). Build it, {@link
 * #start}, point a {@link DnsClient} at {@link #server()}, and {@link #close} it.
 */
public final class DnsmasqZone implements AutoCloseable {

  private final List<String> lines = new ArrayList<>();
  private Process process;
  private int port;

  /** An MX record: {@code domain} is served by {@code host} at {@code preference}. */
  public DnsmasqZone mx(String domain, String host, int preference) {
    lines.add("mx-host=" + domain + "," + host + "," + preference);
    return this;
  }

  /** RFC 7505 null MX: {@code domain} accepts no mail (preference 0, target "."). */
  public DnsmasqZone nullMx(String domain) {
    return raw(domain, Type.MX, "000000");
  }

  /** A (and AAAA) records: each address a literal IPv4 or IPv6 address. */
  public DnsmasqZone host(String name, String... addresses) {
    lines.add("host-record=" + name + "," + String.join(",", addresses));
    return this;
  }

  /** A TXT record; a text longer than 255 octets is split into strings (RFC 7208 §3.3). */
  public DnsmasqZone txt(String name, String text) {
    StringBuilder line = new StringBuilder("txt-record=").append(name);
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    for (int start = 0; start < bytes.length || start == 0; start += 255) {
      int end = Math.min(bytes.length, start + 255);
      line.append(",\"")
          .append(new String(bytes, start, end - start, StandardCharsets.US_ASCII))
          .append('"');
      if (bytes.length == 0) {
        break;
      }
    }
    lines.add(line.toString());
    return this;
  }

  /** A TLSA record (RFC 6698 §2.1): usage, selector, matching type, and the data in hex. */
  public DnsmasqZone tlsa(String name, int usage, int selector, int matching, String hexData) {
    return raw(name, Type.TLSA, String.format("%02x%02x%02x", usage, selector, matching) + hexData);
  }

  /** The TTL of every record (dnsmasq's {@code local-ttl}); 0, dnsmasq's default, unless set. */
  public DnsmasqZone ttl(int seconds) {
    lines.add("local-ttl=" + seconds);
    return this;
  }

  /** Any record as its type number and RDATA in hex. */
  public DnsmasqZone raw(String name, int type, String hexRdata) {
    lines.add("dns-rr=" + name + "," + type + "," + hexRdata);
    return this;
  }

  /** Starts dnsmasq on a free port of 127.0.0.1 and waits until it answers. */
  public DnsmasqZone start(Path workDirectory) throws IOException, InterruptedException {
    return start(workDirectory, freePort());
  }

  /**
   * Starts dnsmasq on {@code port} of 127.0.0.1 (from {@link #freePort()}): a node configured with
   * that resolver before the zone exists sees no answer, then this zone's.
   */
  public DnsmasqZone start(Path workDirectory, int port) throws IOException, InterruptedException {
    this.port = port;
    Path config = workDirectory.resolve("dnsmasq.conf");
    List<String> all = new ArrayList<>(lines);
    all.add("local=/test/");
    Files.write(config, all, StandardCharsets.US_ASCII);
    process =
        new ProcessBuilder(
                "dnsmasq",
                "--keep-in-foreground",
                "--no-resolv",
                "--no-hosts",
                "--no-dhcp-interface=",
                "--port=" + port,
                "--listen-address=127.0.0.1",
                "--bind-interfaces",
                "--user=" + System.getProperty("user.name"),
                "--pid-file=",
                "--log-facility=-",
                "--conf-file=" + config)
            .redirectErrorStream(true)
            .redirectOutput(workDirectory.resolve("dnsmasq.log").toFile())
            .start();
    awaitAnswering(workDirectory);
    return this;
  }

  /** Where to ask: {@code 127.0.0.1:port}, the form of the {@code dns.resolvers} setting. */
  public String server() {
    return "127.0.0.1:" + port;
  }

  /** A client of this zone only. */
  public DnsClient client() {
    return DnsClient.of(List.of(server()));
  }

  private void awaitAnswering(Path workDirectory) throws IOException, InterruptedException {
    DnsClient client = client();
    for (int i = 0; i < 500; i++) {
      if (!process.isAlive()) {
        throw new IOException(
            "dnsmasq exited: " + Files.readString(workDirectory.resolve("dnsmasq.log")));
      }
      try {
        client.query("ready.test", Type.A);
        return;
      } catch (DnsTemporaryException e) {
        process.waitFor(20, TimeUnit.MILLISECONDS);
      }
    }
    throw new IOException("dnsmasq did not answer on " + server());
  }

  /** A port of 127.0.0.1 free for both UDP and TCP now, where nothing answers DNS yet. */
  public static int freePort() throws IOException {
    // dnsmasq serves UDP and TCP on one port: take one that is free for both.
    for (int i = 0; i < 50; i++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int candidate = tcp.getLocalPort();
        try (DatagramSocket udp = new DatagramSocket(candidate, InetAddress.getLoopbackAddress())) {
          return candidate;
        } catch (IOException busy) {
          // taken for UDP: try another
        }
      }
    }
    throw new IOException("no free port for dnsmasq");
  }

  /** Hex of {@code bytes}, for {@link #tlsa} and {@link #raw}. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
