package dev.mailvault.mailauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.mailauth.testing.DnsmasqZone;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our signatures against dkimpy's verifier, and dkimpy's signatures against our verifier. */
class DkimpyInteropTest {

  static final String DOMAIN = "example.test";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

  static final String MESSAGE =
      """
      From: Alice Example <alice@example.test>
      To: bob@elsewhere.test, carol@elsewhere.test
      Cc: dave@elsewhere.test
      Subject:   Lunch   on\tFriday?
      Date: Sun, 1 Mar 2026 10:00:00 +0000
      Message-ID: <lunch.1@example.test>
      MIME-Version: 1.0
      Content-Type: text/plain; charset=utf-8
      List-Unsubscribe: <mailto:leave@example.test>
      X-Unsigned: not in h=

      Hello Bob,  \t
      \t are you free   for lunch?

      Alice
      .dot line


      """;

  static KeyPair rsa;
  static KeyPair ed25519;
  static DnsmasqZone zone;
  @TempDir static Path directory;

  @BeforeAll
  static void start() throws Exception {
    rsa = DkimKeys.generate(DkimAlgorithm.RSA_SHA256);
    ed25519 = DkimKeys.generate(DkimAlgorithm.ED25519_SHA256);
    zone =
        new DnsmasqZone()
            .txt("rsa._domainkey." + DOMAIN, rsaRecord())
            .txt("ed._domainkey." + DOMAIN, edRecord())
            .start(directory);
  }

  @AfterAll
  static void stop() throws Exception {
    zone.close();
  }

  static String rsaRecord() {
    return DkimKeys.txtRecord(DkimAlgorithm.RSA_SHA256, rsa.getPublic());
  }

  static String edRecord() {
    return DkimKeys.txtRecord(DkimAlgorithm.ED25519_SHA256, ed25519.getPublic());
  }

  static byte[] crlf(String text) {
    return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] signedByUs() {
    return new DkimSigner(CLOCK)
        .sign(
            crlf(MESSAGE),
            List.of(
                new DkimSigningKey(DOMAIN, "rsa", DkimAlgorithm.RSA_SHA256, rsa.getPrivate()),
                new DkimSigningKey(
                    DOMAIN, "ed", DkimAlgorithm.ED25519_SHA256, ed25519.getPrivate())));
  }

  static Map<String, String> records() {
    return Map.of("rsa._domainkey." + DOMAIN, rsaRecord(), "ed._domainkey." + DOMAIN, edRecord());
  }

  static byte[] rsaPem() {
    return ("-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(rsa.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] edSeed() {
    // The JDK's PKCS#8 Ed25519 key is a 16-byte prefix and the 32-byte seed (RFC 8410 §7).
    byte[] pkcs8 = ed25519.getPrivate().getEncoded();
    return Base64.getEncoder().encode(Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length));
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static List<DkimStatus> ourVerdicts(byte[] message) {
    return new DkimVerifier(zone.client(), CLOCK)
        .verify(message).stream().map(DkimResult::status).toList();
  }

  @Test
  void dkimpyVerifiesOurRsaAndEd25519Signatures() throws Exception {
    assertThat(new Dkimpy(directory).verify(signedByUs(), records(), 2))
        .containsExactly(true, true);
  }

  @Test
  void dkimpyRejectsOurSignaturesOnceASignedHeaderChanged() throws Exception {
    byte[] changed = crlf(text(signedByUs()).replace("\r\n", "\n").replace("Friday?", "Monday?"));
    assertThat(new Dkimpy(directory).verify(changed, records(), 2)).containsExactly(false, false);
  }

  @Test
  void ourVerifierPassesOurOwnSignatures() {
    assertThat(ourVerdicts(signedByUs())).containsExactly(DkimStatus.PASS, DkimStatus.PASS);
  }

  @Test
  void aSecondFromAddedAfterSigningBreaksOurSignatures() {
    String signed = text(signedByUs());
    String forged = signed.replace("X-Unsigned:", "From: mallory@evil.test\r\nX-Unsigned:");
    assertThat(ourVerdicts(forged.getBytes(StandardCharsets.UTF_8)))
        .containsExactly(DkimStatus.FAIL, DkimStatus.FAIL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"simple/simple", "simple/relaxed", "relaxed/simple", "relaxed/relaxed"})
  void weVerifyDkimpysRsaSignatures(String canonicalization) throws Exception {
    byte[] signed =
        new Dkimpy(directory)
            .sign(crlf(MESSAGE), "rsa", DOMAIN, rsaPem(), "rsa-sha256", canonicalization, false);
    List<DkimResult> results = new DkimVerifier(zone.client(), CLOCK).verify(signed);
    assertThat(results).extracting(DkimResult::status).containsExactly(DkimStatus.PASS);
    assertThat(results.get(0).domain()).isEqualTo(DOMAIN);
    assertThat(results.get(0).algorithm()).isEqualTo("rsa-sha256");
  }

  @ParameterizedTest
  @ValueSource(strings = {"simple/simple", "simple/relaxed", "relaxed/simple", "relaxed/relaxed"})
  void weVerifyDkimpysEd25519Signatures(String canonicalization) throws Exception {
    byte[] signed =
        new Dkimpy(directory)
            .sign(crlf(MESSAGE), "ed", DOMAIN, edSeed(), "ed25519-sha256", canonicalization, false);
    assertThat(ourVerdicts(signed)).containsExactly(DkimStatus.PASS);
  }

  @Test
  void aChangedBodyFails() throws Exception {
    byte[] signed =
        new Dkimpy(directory)
            .sign(
                crlf(MESSAGE), "ed", DOMAIN, edSeed(), "ed25519-sha256", "relaxed/relaxed", false);
    byte[] changed = text(signed).replace("lunch?", "dinner?").getBytes(StandardCharsets.UTF_8);
    List<DkimResult> results = new DkimVerifier(zone.client(), CLOCK).verify(changed);
    assertThat(results).extracting(DkimResult::status).containsExactly(DkimStatus.FAIL);
    assertThat(results.get(0).reason()).isEqualTo("body hash did not verify");
  }

  @Test
  void aChangedSignedHeaderFails() throws Exception {
    byte[] signed =
        new Dkimpy(directory)
            .sign(crlf(MESSAGE), "rsa", DOMAIN, rsaPem(), "rsa-sha256", "relaxed/relaxed", false);
    byte[] changed = text(signed).replace("Friday?", "Monday?").getBytes(StandardCharsets.UTF_8);
    List<DkimResult> results = new DkimVerifier(zone.client(), CLOCK).verify(changed);
    assertThat(results).extracting(DkimResult::status).containsExactly(DkimStatus.FAIL);
    assertThat(results.get(0).reason()).isEqualTo("signature did not verify");
  }

  @Test
  void anUnsignedHeaderMayChange() throws Exception {
    byte[] signed =
        new Dkimpy(directory)
            .sign(crlf(MESSAGE), "rsa", DOMAIN, rsaPem(), "rsa-sha256", "relaxed/relaxed", false);
    byte[] changed = text(signed).replace("not in h=", "changed").getBytes(StandardCharsets.UTF_8);
    assertThat(ourVerdicts(changed)).containsExactly(DkimStatus.PASS);
  }

  @Test
  void bodyLengthIsHonouredSoAppendedTextPasses() throws Exception {
    byte[] signed =
        new Dkimpy(directory)
            .sign(crlf(MESSAGE), "ed", DOMAIN, edSeed(), "ed25519-sha256", "relaxed/relaxed", true);
    assertThat(text(signed)).contains("l=");
    byte[] appended = (text(signed) + "Appended by a list\r\n").getBytes(StandardCharsets.UTF_8);
    assertThat(ourVerdicts(appended)).containsExactly(DkimStatus.PASS);
    byte[] changed = text(signed).replace("lunch?", "dinner?").getBytes(StandardCharsets.UTF_8);
    assertThat(ourVerdicts(changed)).containsExactly(DkimStatus.FAIL);
  }

  @Test
  void aSelectorWithoutAKeyIsAPermanentError() throws Exception {
    byte[] signed =
        new Dkimpy(directory)
            .sign(crlf(MESSAGE), "gone", DOMAIN, rsaPem(), "rsa-sha256", "relaxed/relaxed", false);
    List<DkimResult> results = new DkimVerifier(zone.client(), CLOCK).verify(signed);
    assertThat(results).extracting(DkimResult::status).containsExactly(DkimStatus.PERMERROR);
    assertThat(results.get(0).reason()).isEqualTo("no key for signature");
  }

  @Test
  void aDomainTheResolverRefusesIsATemporaryError() throws Exception {
    byte[] signed =
        new Dkimpy(directory)
            .sign(
                crlf(MESSAGE),
                "rsa",
                "example.org",
                rsaPem(),
                "rsa-sha256",
                "relaxed/relaxed",
                false);
    assertThat(ourVerdicts(signed)).containsExactly(DkimStatus.TEMPERROR);
  }

  @Test
  void rsaSha1IsAPermanentError() throws Exception {
    byte[] signed =
        new Dkimpy(directory)
            .sign(crlf(MESSAGE), "rsa", DOMAIN, rsaPem(), "rsa-sha1", "relaxed/relaxed", false);
    List<DkimResult> results = new DkimVerifier(zone.client(), CLOCK).verify(signed);
    assertThat(results).extracting(DkimResult::status).containsExactly(DkimStatus.PERMERROR);
    assertThat(results.get(0).reason()).contains("RFC 8301");
  }
}
