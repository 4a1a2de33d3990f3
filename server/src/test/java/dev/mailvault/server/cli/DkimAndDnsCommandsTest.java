package dev.mailvault.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.DkimKeyRecord;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.mailauth.dkim.DkimAlgorithm;
import dev.mailvault.mailauth.dkim.DkimKeys;
import dev.mailvault.mailauth.testing.DnsmasqZone;
import dev.mailvault.server.OutboundKeys;
import dev.mailvault.server.cli.CliProcess.Result;
import dev.mailvault.server.dkim.DkimKeySealer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * {@code domain add} makes DKIM keys, {@code dkim list|rotate} manage them, {@code domain dns}
 * prints the records a zone needs and {@code --check} compares them with a real DNS server.
 */
class DkimAndDnsCommandsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOMAIN = "example.test";
  private static final String HOST = "mail.example.test";
  private static final byte[] DOMAIN_BYTES = DOMAIN.getBytes(StandardCharsets.US_ASCII);

  @TempDir Path data;
  @TempDir Path work;

  private final Map<String, String> env = new HashMap<>(Map.of("MAILVAULT_SMTP_HOSTNAME", HOST));

  private Result run(String... args) throws Exception {
    return new CliProcess(data, env).run(args);
  }

  private Result ok(String... args) throws Exception {
    Result r = run(args);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r;
  }

  private List<DkimKeyRecord> storedKeys() throws Exception {
    try (Directory directory = SqliteDirectory.open(data, Optional.empty())) {
      return directory.dkimKeys(DomainName.parse(DOMAIN));
    }
  }

  @Test
  void domainAddMakesAnEd25519AndAnRsaKeyAndRotationRetiresThem() throws Exception {
    ok("domain", "add", DOMAIN);

    JsonNode first = JSON.readTree(ok("dkim", "list", DOMAIN, "--json").stdout());
    assertThat(first).hasSize(2);
    assertThat(first.get(0).get("algorithm").asText()).isEqualTo("ed25519");
    assertThat(first.get(0).get("selector").asText()).matches("ed-[0-9a-f]{8}");
    assertThat(first.get(1).get("algorithm").asText()).isEqualTo("rsa");
    assertThat(first.get(1).get("selector").asText()).matches("rsa-[0-9a-f]{8}");
    assertThat(first).allSatisfy(k -> assertThat(k.get("state").asText()).isEqualTo("active"));

    Result rotated = ok("dkim", "rotate", DOMAIN);
    assertThat(rotated.stdout()).contains("new DKIM selectors for " + DOMAIN);

    Result list = ok("dkim", "list", DOMAIN);
    assertThat(list.stdout().lines().skip(1).map(l -> l.split("\\s+")[2]).toList())
        .containsExactly("retired", "retired", "active", "active");
    assertThat(list.stdout())
        .contains(first.get(0).get("selector").asText(), first.get(1).get("selector").asText());
    // No key bytes: neither base64 of a key nor DER.
    List<DkimKeyRecord> stored = storedKeys();
    for (DkimKeyRecord key : stored) {
      assertThat(list.stdout()).doesNotContain(base64(key.publicKey()).substring(0, 40));
    }
  }

  @Test
  void thePrivateKeysAreNotInTheDataDirectoryInPlaintext() throws Exception {
    ok("domain", "add", DOMAIN);

    List<byte[]> sealed = new ArrayList<>();
    List<byte[]> pkcs8 = new ArrayList<>();
    try (OutboundKeys keys =
            OutboundKeys.openOrCreate(data.resolve("outbound.key"), data, Optional.empty());
        SecretBytes dkimKey = keys.dkimKey()) {
      DkimKeySealer sealer = new DkimKeySealer(dkimKey);
      for (DkimKeyRecord key : storedKeys()) {
        sealed.add(key.sealedPrivateKey());
        try (SecretBytes opened =
            sealer.unseal(DomainName.parse(DOMAIN), key.selector(), key.sealedPrivateKey())) {
          byte[] der = opened.bytes();
          // It is the private key of the published public key.
          DkimAlgorithm algorithm = DkimAlgorithm.forKeyType(key.algorithm());
          Signature signer =
              Signature.getInstance(
                  algorithm == DkimAlgorithm.RSA_SHA256 ? "SHA256withRSA" : "Ed25519");
          signer.initSign(DkimKeys.privateKey(algorithm, der));
          signer.update(DOMAIN_BYTES);
          byte[] signature = signer.sign();
          signer.initVerify(DkimKeys.publicKey(algorithm, key.publicKey()));
          signer.update(DOMAIN_BYTES);
          assertThat(signer.verify(signature)).isTrue();
          pkcs8.add(der);
        }
      }
    }
    assertThat(pkcs8).hasSize(2);
    // The scan finds what is there (the sealed form) and not the PKCS#8 bytes.
    for (byte[] s : sealed) {
      assertThat(filesContaining(s)).isNotEmpty();
    }
    for (byte[] p : pkcs8) {
      assertThat(filesContaining(p)).isEmpty();
    }
  }

  @Test
  void domainDnsPrintsAZoneWithEveryRecordAndTheStoredDkimKeys() throws Exception {
    ok("domain", "add", DOMAIN);
    ok("dkim", "rotate", DOMAIN);
    String zone = ok("domain", "dns", DOMAIN).stdout();

    Map<String, List<Record>> byNameAndType = new LinkedHashMap<>();
    Master master = new Master(new ByteArrayInputStream(zone.getBytes(StandardCharsets.US_ASCII)));
    for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
      byNameAndType
          .computeIfAbsent(r.getName() + " " + Type.string(r.getType()), k -> new ArrayList<>())
          .add(r);
    }
    List<DkimKeyRecord> stored = storedKeys();
    List<String> expected =
        new ArrayList<>(
            List.of(
                "example.test. MX",
                "example.test. TXT",
                "_dmarc.example.test. TXT",
                "_mta-sts.example.test. TXT",
                "_smtp._tls.example.test. TXT",
                "_submission._tcp.example.test. SRV",
                "_submissions._tcp.example.test. SRV",
                "_imap._tcp.example.test. SRV",
                "_imaps._tcp.example.test. SRV",
                "_pop3._tcp.example.test. SRV",
                "_pop3s._tcp.example.test. SRV",
                "autoconfig.example.test. CNAME",
                "autodiscover.example.test. CNAME"));
    for (DkimKeyRecord key : stored) {
      expected.add(key.selector() + "._domainkey.example.test. TXT");
    }
    assertThat(byNameAndType.keySet()).containsExactlyInAnyOrderElementsOf(expected);

    // Retired keys stay published: all four, each exactly the TXT of its stored public key, the
    // RSA ones split into strings of at most 255 octets.
    assertThat(stored).hasSize(4);
    for (DkimKeyRecord key : stored) {
      DkimAlgorithm algorithm = DkimAlgorithm.forKeyType(key.algorithm());
      TXTRecord txt =
          (TXTRecord) byNameAndType.get(key.selector() + "._domainkey.example.test. TXT").get(0);
      assertThat(String.join("", txt.getStrings()))
          .isEqualTo(DkimKeys.txtRecord(algorithm, DkimKeys.publicKey(algorithm, key.publicKey())));
      assertThat(txt.getStrings()).allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(255));
    }
    assertThat(txtOf(byNameAndType, "example.test. TXT")).isEqualTo("v=spf1 mx -all");
    assertThat(txtOf(byNameAndType, "_dmarc.example.test. TXT"))
        .isEqualTo("v=DMARC1; p=quarantine");
    assertThat(byNameAndType.get("example.test. MX").get(0).rdataToString())
        .isEqualTo("10 mail.example.test.");
    assertThat(byNameAndType.get("_imaps._tcp.example.test. SRV").get(0).rdataToString())
        .isEqualTo("0 1 1993 mail.example.test.");
    // ADR 0269: the names Thunderbird and Outlook try first lead to this node.
    assertThat(byNameAndType.get("autoconfig.example.test. CNAME").get(0).rdataToString())
        .isEqualTo("mail.example.test.");
    assertThat(byNameAndType.get("autodiscover.example.test. CNAME").get(0).rdataToString())
        .isEqualTo("mail.example.test.");
    // No tls.cert: the self-signed certificate cannot satisfy an enforced policy.
    assertThat(zone)
        .contains("https://mta-sts.example.test/.well-known/mta-sts.txt")
        .contains(";   mode: testing")
        .contains(";   mx: mail.example.test");
  }

  @Test
  void checkSaysWhichRecordsAreMissingOrWrong() throws Exception {
    ok("domain", "add", DOMAIN);
    JsonNode printed = JSON.readTree(ok("domain", "dns", DOMAIN, "--json").stdout());
    List<DkimKeyRecord> stored = storedKeys();
    String rsaSelector = stored.get(1).selector();
    String rsaName = rsaSelector + "._domainkey.example.test.";
    String wrongKey =
        DkimKeys.txtRecord(
            DkimAlgorithm.RSA_SHA256, DkimKeys.generate(DkimAlgorithm.RSA_SHA256).getPublic());

    DnsmasqZone zone = new DnsmasqZone();
    for (JsonNode r : printed.get("records")) {
      String name = r.get("name").asText();
      String bare = name.substring(0, name.length() - 1);
      String data = r.get("data").asText();
      switch (r.get("type").asText()) {
        case "MX" -> zone.mx(bare, HOST, 10);
        case "SRV" -> zone.raw(bare, Type.SRV, srvHex(data));
        case "CNAME" -> {
          if (name.startsWith("autodiscover.")) {
            // Pointing elsewhere: judged wrong.
            zone.raw(bare, Type.CNAME, DnsmasqZone.hex(Name.fromString("other.test.").toWire()));
          } else {
            zone.raw(bare, Type.CNAME, DnsmasqZone.hex(Name.fromString(data).toWire()));
          }
        }
        case "TXT" -> {
          if (name.equals("_dmarc.example.test.")) {
            continue; // missing
          }
          zone.txt(bare, name.equals(rsaName) ? wrongKey : data);
        }
        default -> throw new AssertionError(r);
      }
    }
    try (DnsmasqZone running = zone.start(work)) {
      env.put("MAILVAULT_DNS_RESOLVERS", running.server());
      Result check = run("domain", "dns", DOMAIN, "--check", "--json");

      assertThat(check.exitCode()).as(check.stderr()).isEqualTo(1);
      Map<String, String> verdicts = new LinkedHashMap<>();
      for (JsonNode row : JSON.readTree(check.stdout())) {
        verdicts.put(
            row.get("name").asText() + " " + row.get("type").asText(), row.get("verdict").asText());
      }
      assertThat(verdicts).hasSize(printed.get("records").size());
      assertThat(verdicts.remove("_dmarc.example.test. TXT")).isEqualTo("missing");
      assertThat(verdicts.remove("autodiscover.example.test. CNAME"))
          .isEqualTo("wrong (found: other.test.)");
      assertThat(verdicts.remove(rsaName + " TXT"))
          .isEqualTo("wrong (found: \"" + wrongKey + "\")");
      assertThat(verdicts).allSatisfy((record, verdict) -> assertThat(verdict).isEqualTo("ok"));
    }
  }

  @Test
  void aBadResolverSettingIsOneLineNamingIt() throws Exception {
    ok("domain", "add", DOMAIN);
    env.put("MAILVAULT_DNS_RESOLVERS", "127.0.0.1:53,dns.example.net");
    Result r = run("domain", "dns", DOMAIN, "--check");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr().strip())
        .startsWith("mailvault: ")
        .contains("MAILVAULT_DNS_RESOLVERS")
        .contains("'dns.example.net'")
        .doesNotContain("Exception");
    assertThat(r.stderr().lines().count()).isEqualTo(1);
  }

  private static String txtOf(Map<String, List<Record>> records, String key) {
    return String.join("", ((TXTRecord) records.get(key).get(0)).getStrings());
  }

  /** SRV RDATA (RFC 2782): priority, weight, port, then the target in wire form. */
  private static String srvHex(String data) throws Exception {
    String[] parts = data.split(" ");
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      hex.append(String.format("%04x", Integer.parseInt(parts[i])));
    }
    hex.append(DnsmasqZone.hex(Name.fromString(parts[3]).toWire()));
    return hex.toString();
  }

  private static String base64(byte[] bytes) {
    return java.util.Base64.getEncoder().encodeToString(bytes);
  }

  private List<Path> filesContaining(byte[] needle) throws Exception {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(data)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(f);
        outer:
        for (int i = 0; i <= bytes.length - needle.length; i++) {
          for (int j = 0; j < needle.length; j++) {
            if (bytes[i + j] != needle[j]) {
              continue outer;
            }
          }
          found.add(f);
          break;
        }
      }
    }
    return found;
  }
}
