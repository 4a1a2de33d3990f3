package dev.mailvault.mailauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.mailauth.testing.DnsmasqZone;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifier's checks of the signature and key record (RFC 6376 §6.1, RFC 8301), each against a
 * real DNS zone, with signatures made by hand so that each carries exactly the tags a case needs.
 * Every refusal has a twin that passes, so the test fails when the check is missing and when it is
 * too strict.
 */
class DkimVerifierTest {

  static final String DOMAIN = "limits.test";
  static final long NOW = 1_772_000_000L;

  static final byte[] MESSAGE =
      ("From: Alice <alice@limits.test>\r\n"
              + "To: bob@elsewhere.test\r\n"
              + "Subject: limits\r\n"
              + "\r\n"
              + "Hello.\r\n")
          .getBytes(StandardCharsets.US_ASCII);

  static KeyPair ed25519;
  static KeyPair shortRsa;
  static DnsmasqZone zone;

  @BeforeAll
  static void start(@TempDir Path directory) throws Exception {
    ed25519 = DkimKeys.generate(DkimAlgorithm.ED25519_SHA256);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(768);
    shortRsa = generator.generateKeyPair();
    String p = "p=" + data(ed25519);
    zone =
        new DnsmasqZone()
            .txt("ed._domainkey." + DOMAIN, "v=DKIM1; k=ed25519; " + p)
            .txt("revoked._domainkey." + DOMAIN, "v=DKIM1; k=ed25519; p=")
            .txt("rsa._domainkey." + DOMAIN, "v=DKIM1; k=rsa; " + p)
            .txt("sha1._domainkey." + DOMAIN, "v=DKIM1; k=ed25519; h=sha1; " + p)
            .txt("sha256._domainkey." + DOMAIN, "v=DKIM1; k=ed25519; h=sha1:sha256; " + p)
            .txt("tlsrpt._domainkey." + DOMAIN, "v=DKIM1; k=ed25519; s=tlsrpt; " + p)
            .txt("strict._domainkey." + DOMAIN, "v=DKIM1; k=ed25519; t=y:s; " + p)
            .txt(
                "short._domainkey." + DOMAIN,
                "v=DKIM1; k=rsa; p="
                    + Base64.getEncoder().encodeToString(shortRsa.getPublic().getEncoded()))
            .start(directory);
  }

  @AfterAll
  static void stop() throws Exception {
    zone.close();
  }

  static String data(KeyPair pair) {
    return Base64.getEncoder()
        .encodeToString(DkimKeys.publicKeyData(DkimAlgorithm.ED25519_SHA256, pair.getPublic()));
  }

  /** {@link #MESSAGE} with a DKIM-Signature carrying {@code tags}, then bh= and b=. */
  static byte[] signed(String tags, DkimAlgorithm algorithm, PrivateKey key) throws Exception {
    MessageHeader header = MessageHeader.parse(MESSAGE);
    byte[] body = Canonicalization.RELAXED.body(MESSAGE, header.bodyStart());
    String unsigned =
        "DKIM-Signature: "
            + tags
            + "; bh="
            + Base64.getEncoder().encodeToString(DkimCrypto.sha256(body, body.length))
            + "; b=";
    byte[] data =
        SignedData.of(
            header,
            TagList.split(TagList.parse(tags).get("h", ""), ':'),
            Canonicalization.RELAXED,
            new HeaderField("DKIM-Signature", unsigned.getBytes(StandardCharsets.US_ASCII)));
    String b = Base64.getEncoder().encodeToString(DkimCrypto.sign(algorithm, key, data));
    byte[] field = (unsigned + b + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] message = new byte[field.length + MESSAGE.length];
    System.arraycopy(field, 0, message, 0, field.length);
    System.arraycopy(MESSAGE, 0, message, field.length, MESSAGE.length);
    return message;
  }

  static byte[] ed(String selector, String moreTags) throws Exception {
    return signed(
        "v=1; a=ed25519-sha256; c=relaxed/relaxed; d="
            + DOMAIN
            + "; s="
            + selector
            + "; h=from:to:subject"
            + moreTags,
        DkimAlgorithm.ED25519_SHA256,
        ed25519.getPrivate());
  }

  static DkimResult verify(byte[] message, long now) {
    Clock clock = Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC);
    List<DkimResult> results = new DkimVerifier(zone.client(), clock).verify(message);
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  static DkimResult verify(byte[] message) {
    return verify(message, NOW);
  }

  @Test
  void aHandMadeSignaturePassesAndNamesItsSignature() throws Exception {
    byte[] message = ed("ed", "; t=" + NOW);
    DkimResult result = verify(message);
    assertThat(result.status()).isEqualTo(DkimStatus.PASS);
    assertThat(result.domain()).isEqualTo(DOMAIN);
    assertThat(result.selector()).isEqualTo("ed");
    String text = new String(message, StandardCharsets.US_ASCII);
    assertThat(result.signaturePrefix()).hasSize(8);
    assertThat(text).contains("b=" + result.signaturePrefix());
  }

  @Test
  void aSignaturePastItsExpiryIsAPermanentError() throws Exception {
    byte[] message = ed("ed", "; t=" + (NOW - 100) + "; x=" + (NOW - 1));
    assertThat(verify(message, NOW))
        .extracting(DkimResult::status, DkimResult::reason)
        .containsExactly(DkimStatus.PERMERROR, "signature expired");
    assertThat(verify(message, NOW - 1).status()).isEqualTo(DkimStatus.PASS);
  }

  @Test
  void aRevokedKeyIsAPermanentError() throws Exception {
    assertThat(verify(ed("revoked", "")))
        .extracting(DkimResult::status, DkimResult::reason)
        .containsExactly(DkimStatus.PERMERROR, "key revoked");
  }

  @Test
  void aKeyOfAnotherTypeIsAPermanentError() throws Exception {
    assertThat(verify(ed("rsa", "")).status()).isEqualTo(DkimStatus.PERMERROR);
  }

  @Test
  void aKeyThatAllowsOnlySha1IsAPermanentError() throws Exception {
    assertThat(verify(ed("sha1", "")).status()).isEqualTo(DkimStatus.PERMERROR);
    assertThat(verify(ed("sha256", "")).status()).isEqualTo(DkimStatus.PASS);
  }

  @Test
  void aKeyForAnotherServiceIsAPermanentError() throws Exception {
    assertThat(verify(ed("tlsrpt", "")).status()).isEqualTo(DkimStatus.PERMERROR);
  }

  @Test
  void aStrictKeyRefusesASubdomainIdentity() throws Exception {
    assertThat(verify(ed("strict", "; i=alice@mail." + DOMAIN)).status())
        .isEqualTo(DkimStatus.PERMERROR);
    assertThat(verify(ed("strict", "; i=alice@" + DOMAIN)).status()).isEqualTo(DkimStatus.PASS);
  }

  @Test
  void anIdentityOutsideTheDomainIsAPermanentError() throws Exception {
    assertThat(verify(ed("ed", "; i=alice@elsewhere.test")))
        .extracting(DkimResult::status, DkimResult::reason)
        .containsExactly(DkimStatus.PERMERROR, "i= is not within d=");
  }

  @Test
  void aSignatureThatDoesNotCoverFromIsAPermanentError() throws Exception {
    byte[] message =
        signed(
            "v=1; a=ed25519-sha256; c=relaxed/relaxed; d=" + DOMAIN + "; s=ed; h=to:subject",
            DkimAlgorithm.ED25519_SHA256,
            ed25519.getPrivate());
    assertThat(verify(message))
        .extracting(DkimResult::status, DkimResult::reason)
        .containsExactly(DkimStatus.PERMERROR, "From is not signed");
  }

  @Test
  void anRsaKeyShorterThan1024BitsIsAPermanentError() throws Exception {
    byte[] message =
        signed(
            "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + DOMAIN + "; s=short; h=from:to:subject",
            DkimAlgorithm.RSA_SHA256,
            shortRsa.getPrivate());
    assertThat(verify(message))
        .extracting(DkimResult::status, DkimResult::reason)
        .containsExactly(DkimStatus.PERMERROR, "RSA key shorter than 1024 bits (RFC 8301)");
  }

  @Test
  void aSignatureWithADuplicateTagIsAPermanentError() {
    byte[] message =
        ("DKIM-Signature: v=1; d="
                + DOMAIN
                + "; d=other.test; s=ed; b=x\r\n"
                + new String(MESSAGE, StandardCharsets.US_ASCII))
            .getBytes(StandardCharsets.US_ASCII);
    assertThat(verify(message))
        .extracting(DkimResult::status, DkimResult::reason)
        .containsExactly(DkimStatus.PERMERROR, "signature syntax");
  }

  @Test
  void anUnsignedMessageHasNoResults() {
    Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    assertThat(new DkimVerifier(zone.client(), clock).verify(MESSAGE)).isEmpty();
  }

  @Test
  void onlyTheFirstFiveSignaturesAreVerified() {
    DkimSigningKey key =
        new DkimSigningKey(DOMAIN, "ed", DkimAlgorithm.ED25519_SHA256, ed25519.getPrivate());
    byte[] message =
        new DkimSigner(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC))
            .sign(MESSAGE, Collections.nCopies(6, key));
    Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    List<DkimResult> results = new DkimVerifier(zone.client(), clock).verify(message);
    List<DkimStatus> expected = new ArrayList<>(Collections.nCopies(5, DkimStatus.PASS));
    expected.add(DkimStatus.POLICY);
    assertThat(results).extracting(DkimResult::status).containsExactlyElementsOf(expected);
    assertThat(results.get(5).reason()).isEqualTo("too many signatures");
  }

  @Test
  void theKeyIsNeverInTheSigningKeysText() {
    DkimSigningKey key =
        new DkimSigningKey(DOMAIN, "ed", DkimAlgorithm.ED25519_SHA256, ed25519.getPrivate());
    assertThat(key.toString())
        .contains("ed", DOMAIN)
        .doesNotContain(Base64.getEncoder().encodeToString(ed25519.getPrivate().getEncoded()))
        .doesNotContain("privateKey");
  }
}
