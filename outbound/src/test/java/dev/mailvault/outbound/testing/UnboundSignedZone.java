package dev.mailvault.outbound.testing;

import dev.mailvault.mailauth.dns.DnsClient;
import dev.mailvault.mailauth.dns.DnsTemporaryException;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * A DNSSEC-signed test zone behind Debian's unbound, the validating resolver on loopback that ADR
 * 0209 asks operators to run: the test signs the zone itself (dnsjava: one ECDSA P-256 key, an NSEC
 * chain so that "no such name" and "no such type" are proven too), unbound serves it as an {@code
 * auth-zone} to its own validator with the key as trust anchor, and answers that validate carry the
 * AD bit. Signatures run from a day before now for thirty days, so no test depends on the date.
 * Build, {@link #start}, point a {@link DnsClient} at {@link #server()}, {@link #close}.
 */
public final class UnboundSignedZone implements AutoCloseable {

  private static final long TTL = 300;

  private final Name origin;
  private final List<Record> records = new ArrayList<>();
  private Process process;
  private int port;

  /** A zone at {@code origin}, e.g. {@code dane.test} (under .test, RFC 2606). */
  public UnboundSignedZone(String origin) throws IOException {
    this.origin = Name.fromString(origin.endsWith(".") ? origin : origin + ".");
  }

  /** Any record of the zone (its owner at or below the origin). */
  public UnboundSignedZone record(Record record) {
    records.add(record);
    return this;
  }

  public Name name(String relative) throws IOException {
    return Name.fromString(relative, origin);
  }

  /** Signs the zone, starts unbound on a free port of 127.0.0.1 and waits until it answers. */
  public UnboundSignedZone start(Path directory)
      throws IOException, InterruptedException, GeneralSecurityException {
    KeyPair key = key();
    DNSKEYRecord dnskey;
    try {
      dnskey = new DNSKEYRecord(origin, DClass.IN, TTL, 257, 3, 13, key.getPublic());
    } catch (DNSSEC.DNSSECException e) {
      throw new GeneralSecurityException(e);
    }
    List<Record> all = new ArrayList<>(records);
    all.add(
        new SOARecord(
            origin, DClass.IN, TTL, name("ns"), name("hostmaster"), 1, 3600, 600, 86400, TTL));
    all.add(new NSRecord(origin, DClass.IN, TTL, name("ns")));
    all.add(new ARecord(name("ns"), DClass.IN, TTL, InetAddress.getByName("127.0.0.53")));
    all.add(dnskey);
    Map<Name, List<Record>> byOwner = new TreeMap<>();
    for (Record record : all) {
      byOwner.computeIfAbsent(record.getName(), n -> new ArrayList<>()).add(record);
    }
    // RFC 4034 §4: each owner's NSEC names the next owner in canonical order and its types.
    List<Name> owners = new ArrayList<>(byOwner.keySet());
    for (int i = 0; i < owners.size(); i++) {
      Name owner = owners.get(i);
      List<Integer> types = new ArrayList<>();
      byOwner.get(owner).forEach(r -> types.add(r.getType()));
      types.add(Type.NSEC);
      types.add(Type.RRSIG);
      int[] typeArray = types.stream().distinct().mapToInt(Integer::intValue).toArray();
      Name next = owners.get((i + 1) % owners.size());
      byOwner.get(owner).add(new NSECRecord(owner, DClass.IN, TTL, next, typeArray));
    }
    Instant now = Instant.now();
    StringBuilder zone = new StringBuilder();
    for (List<Record> ownerRecords : byOwner.values()) {
      Map<Integer, RRset> sets = new TreeMap<>();
      for (Record record : ownerRecords) {
        sets.computeIfAbsent(record.getType(), t -> new RRset()).addRR(record);
      }
      for (RRset set : sets.values()) {
        for (Record record : set.rrs()) {
          zone.append(record).append('\n');
        }
        try {
          zone.append(
                  DNSSEC.sign(
                      set,
                      dnskey,
                      key.getPrivate(),
                      now.minus(1, ChronoUnit.DAYS),
                      now.plus(30, ChronoUnit.DAYS)))
              .append('\n');
        } catch (DNSSEC.DNSSECException e) {
          throw new GeneralSecurityException(e);
        }
      }
    }
    Path zoneFile = directory.resolve("zone.db");
    Files.writeString(zoneFile, zone, StandardCharsets.US_ASCII);
    Path anchor = directory.resolve("anchor.key");
    Files.writeString(anchor, dnskey + "\n", StandardCharsets.US_ASCII);
    port = freePort();
    Path config = directory.resolve("unbound.conf");
    Files.writeString(
        config,
        String.join(
            "\n",
            "server:",
            "  interface: 127.0.0.1",
            "  port: " + port,
            "  do-ip6: no",
            "  do-daemonize: no",
            "  username: \"\"",
            "  chroot: \"\"",
            "  directory: \"" + directory + "\"",
            "  pidfile: \"\"",
            "  use-syslog: no",
            "  logfile: \"" + directory.resolve("unbound.log") + "\"",
            "  verbosity: 1",
            "  val-log-level: 2",
            // RFC 6761: unbound answers .test itself unless told not to.
            "  local-zone: \"test.\" nodefault",
            "  do-not-query-localhost: no",
            "  trust-anchor-file: \"" + anchor + "\"",
            "  module-config: \"validator iterator\"",
            "auth-zone:",
            "  name: \"" + origin + "\"",
            "  zonefile: \"" + zoneFile + "\"",
            "  for-downstream: no",
            "  for-upstream: yes",
            "  fallback-enabled: no",
            "remote-control:",
            "  control-enable: no",
            ""),
        StandardCharsets.US_ASCII);
    process =
        new ProcessBuilder("unbound", "-d", "-c", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("unbound.out").toFile())
            .start();
    awaitAnswering(directory);
    return this;
  }

  public String server() {
    return "127.0.0.1:" + port;
  }

  public DnsClient client() {
    return DnsClient.of(List.of(server()));
  }

  private void awaitAnswering(Path directory) throws IOException, InterruptedException {
    DnsClient client = client();
    for (int i = 0; i < 500; i++) {
      if (!process.isAlive()) {
        throw new IOException(
            "unbound exited: " + Files.readString(directory.resolve("unbound.out")));
      }
      try {
        client.query(origin.toString(), Type.SOA);
        return;
      } catch (DnsTemporaryException e) {
        process.waitFor(20, TimeUnit.MILLISECONDS);
      }
    }
    throw new IOException("unbound did not answer on " + server());
  }

  private static KeyPair key() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static int freePort() throws IOException {
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
    throw new IOException("no free port for unbound");
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
