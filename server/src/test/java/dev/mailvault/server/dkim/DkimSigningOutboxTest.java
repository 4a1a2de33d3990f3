package dev.mailvault.server.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.outbound.DsnReturn;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.core.outbound.Outbox;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.DkimKeyRecord;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.mailauth.dkim.DkimAlgorithm;
import dev.mailvault.mailauth.dkim.DkimKeys;
import dev.mailvault.mailauth.dkim.DkimSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages are signed at enqueue with the keys of their From domain, and Python's dkimpy (an
 * independent verifier) accepts both signatures given the records {@code domain dns} publishes.
 */
class DkimSigningOutboxTest {

  /** In the past: dkimpy refuses a signature time (t=) after its own clock. */
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  /** dkimpy's verdict on each signature, the TXT records served by {@code dnsfunc}. */
  private static final String VERIFY =
      """
      import sys, dkim
      msg = open(sys.argv[1], 'rb').read()
      records = {}
      for line in open(sys.argv[2]):
          name, record = line.rstrip('\\n').split(' ', 1)
          records[(name + '.').encode()] = record.encode()
      def verdict(i):
          try:
              return dkim.DKIM(msg).verify(idx=i, dnsfunc=lambda n, timeout=5: records.get(n))
          except dkim.ValidationError:
              return False
      print(' '.join(str(verdict(i)) for i in range(int(sys.argv[3]))))
      """;

  @TempDir Path data;
  @TempDir Path work;

  private Directory directory;
  private SecretBytes dkimKey;
  private final List<OutboundMessage> queued = new ArrayList<>();
  private DkimSigningOutbox outbox;

  @BeforeEach
  void setUp() throws Exception {
    directory = SqliteDirectory.open(data, Optional.empty());
    dkimKey = SecretBytes.random(32);
    DkimKeySealer sealer = new DkimKeySealer(dkimKey);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    new DomainDkim(directory, sealer, clock).addDomain(DomainName.parse("example.com"));
    directory.addDomain(DomainName.parse("nokeys.example"));
    Outbox queue =
        message -> {
          queued.add(message);
          return "q" + queued.size();
        };
    outbox =
        new DkimSigningOutbox(queue, new DkimKeySource(directory, sealer), new DkimSigner(clock));
  }

  @AfterEach
  void tearDown() {
    directory.close();
    dkimKey.destroy();
  }

  private static OutboundMessage message(String mailFrom, String from) {
    String text =
        "From: "
            + from
            + "\r\n"
            + "To: bob@example.net\r\n"
            + "Subject: signed at enqueue\r\n"
            + "Date: Sun, 01 Mar 2026 10:00:00 +0000\r\n"
            + "Message-ID: <1@example.com>\r\n"
            + "\r\n"
            + "Hello Bob,\r\n"
            + "\r\n"
            + "this message is signed with Ed25519 and RSA.\r\n";
    return new OutboundMessage(
        mailFrom,
        mailFrom,
        List.of(OutboundRecipient.of("bob@example.net")),
        text.getBytes(StandardCharsets.US_ASCII),
        NOW,
        Optional.empty(),
        DsnReturn.HEADERS,
        false,
        false,
        false);
  }

  @Test
  void signsWithBothKeysOfTheFromDomainAndDkimpyVerifiesThem() throws Exception {
    assertThat(outbox.submit(message("alice@example.com", "\"Alice, A.\" <Alice@Example.COM>")))
        .isEqualTo("q1");

    byte[] signed = queued.get(0).raw();
    String text = new String(signed, StandardCharsets.US_ASCII);
    List<DkimKeyRecord> keys = directory.dkimKeys(DomainName.parse("example.com"));
    for (DkimKeyRecord key : keys) {
      assertThat(text).contains("s=" + key.selector() + ";");
    }
    assertThat(text)
        .contains("d=example.com;")
        .contains("a=ed25519-sha256")
        .contains("a=rsa-sha256");
    assertThat(verify(signed, keys, 2)).isEqualTo("True True");

    // The verifier can say no: a body changed after signing fails both.
    byte[] altered = text.replace("Hello Bob", "Hello Eve").getBytes(StandardCharsets.US_ASCII);
    assertThat(verify(altered, keys, 2)).isEqualTo("False False");
  }

  @Test
  void aRotationSignsTheNextMessageWithTheNewKeys() throws Exception {
    outbox.submit(message("alice@example.com", "alice@example.com"));
    List<DkimKeyRecord> rotated =
        new DomainDkim(directory, new DkimKeySealer(dkimKey), Clock.fixed(NOW, ZoneOffset.UTC))
            .rotate(DomainName.parse("example.com"));

    outbox.submit(message("alice@example.com", "alice@example.com"));

    String first = new String(queued.get(0).raw(), StandardCharsets.US_ASCII);
    String second = new String(queued.get(1).raw(), StandardCharsets.US_ASCII);
    assertThat(rotated).hasSize(2);
    for (DkimKeyRecord key : rotated) {
      assertThat(first).doesNotContain("s=" + key.selector() + ";");
      assertThat(second).contains("s=" + key.selector() + ";");
    }
  }

  @Test
  void aFromDomainNotServedHereFallsBackToTheEnvelopeSendersDomain() throws Exception {
    outbox.submit(message("alice@example.com", "Alice <alice@elsewhere.example>"));
    byte[] signed = queued.get(0).raw();
    assertThat(new String(signed, StandardCharsets.US_ASCII)).contains("d=example.com;");
    assertThat(verify(signed, directory.dkimKeys(DomainName.parse("example.com")), 2))
        .isEqualTo("True True");
  }

  @Test
  void aDomainWithoutKeysIsQueuedUnsigned() throws Exception {
    OutboundMessage plain = message("carol@nokeys.example", "carol@nokeys.example");
    outbox.submit(plain);
    assertThat(queued.get(0).raw()).isEqualTo(plain.raw());
  }

  private String verify(byte[] message, List<DkimKeyRecord> keys, int count) throws Exception {
    StringBuilder records = new StringBuilder();
    for (DkimKeyRecord key : keys) {
      DkimAlgorithm algorithm = DkimAlgorithm.forKeyType(key.algorithm());
      records
          .append(key.selector())
          .append("._domainkey.example.com ")
          .append(DkimKeys.txtRecord(algorithm, DkimKeys.publicKey(algorithm, key.publicKey())))
          .append('\n');
    }
    Path messageFile = Files.write(work.resolve("message.eml"), message);
    Path recordsFile = Files.writeString(work.resolve("records.txt"), records);
    Process python =
        new ProcessBuilder(
                "/usr/bin/python3",
                "-c",
                VERIFY,
                messageFile.toString(),
                recordsFile.toString(),
                Integer.toString(count))
            .redirectErrorStream(true)
            .start();
    String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(python.exitValue()).as(out).isZero();
    return out.trim();
  }
}
