package dev.mailvault.mailauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.mailauth.testing.DnsmasqZone;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 8463 Appendix A: the Ed25519 key of RFC 8032 §7.1 test 1, the RSA key of RFC 6376, the
 * example message, and the message as the RFC signed it with both. Ed25519 signatures are
 * deterministic, so ours must equal the RFC's byte for byte.
 */
class Rfc8463VectorsTest {

  static final String ED25519_SEED = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";
  static final String ED25519_RECORD =
      "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
  static final String RSA_RECORD =
      "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWR"
          + "iGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutAC"
          + "DfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3"
          + "Ip3G+2kryOTIKT+l/K4w3QIDAQAB";
  static final String BODY_HASH = "2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=";
  static final String ED25519_B =
      "/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11BusFa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==";
  static final long T = 1528637909L;

  static final String UNSIGNED =
      """
      From: Joe SixPack <joe@football.example.com>
      To: Suzie Q <suzie@shopping.example.net>
      Subject: Is dinner ready?
      Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)
      Message-ID: <20030712040037.46341.5F8J@football.example.com>

      Hi.

      We lost the game.  Are you hungry yet?

      Joe.
      """;

  static final String SIGNATURES =
      """
      DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;
       d=football.example.com; i=@football.example.com;
       q=dns/txt; s=brisbane; t=1528637909; h=from : to :
       subject : date : message-id : from : subject : date;
       bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;
       b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus
       Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==
      DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;
       d=football.example.com; i=@football.example.com;
       q=dns/txt; s=test; t=1528637909; h=from : to : subject :
       date : message-id : from : subject : date;
       bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;
       b=F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3
       DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2Jz
       dA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=
      """;

  static DnsmasqZone zone;

  @BeforeAll
  static void startZone(@TempDir Path directory) throws Exception {
    zone =
        new DnsmasqZone()
            .txt("brisbane._domainkey.football.example.com", ED25519_RECORD)
            .txt("test._domainkey.football.example.com", RSA_RECORD)
            .start(directory);
  }

  @AfterAll
  static void stopZone() throws Exception {
    zone.close();
  }

  static byte[] crlf(String text) {
    return text.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  static PrivateKey ed25519Key() throws Exception {
    // RFC 8410 §7: a PKCS#8 Ed25519 key is this prefix and the 32-byte seed.
    byte[] prefix = HexFormat.of().parseHex("302e020100300506032b657004220420");
    byte[] seed = Base64.getDecoder().decode(ED25519_SEED);
    byte[] pkcs8 = new byte[prefix.length + seed.length];
    System.arraycopy(prefix, 0, pkcs8, 0, prefix.length);
    System.arraycopy(seed, 0, pkcs8, prefix.length, seed.length);
    return DkimKeys.privateKey(DkimAlgorithm.ED25519_SHA256, pkcs8);
  }

  static Clock clockAt(long epochSecond) {
    return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
  }

  @Test
  void theRelaxedBodyHashIsTheRfcs() {
    byte[] message = crlf(UNSIGNED);
    MessageHeader header = MessageHeader.parse(message);
    byte[] body = Canonicalization.RELAXED.body(message, header.bodyStart());
    assertThat(Base64.getEncoder().encodeToString(DkimCrypto.sha256(body, body.length)))
        .isEqualTo(BODY_HASH);
  }

  @Test
  void signingTheRfcsSignatureFieldGivesTheRfcsEd25519Signature() throws Exception {
    byte[] signed = crlf(SIGNATURES + UNSIGNED);
    MessageHeader header = MessageHeader.parse(signed);
    HeaderField field = header.fields().get(0);
    DkimSignature signature = DkimSignature.parse(field, TagList.parse(field.value()));
    byte[] data =
        SignedData.of(
            header,
            signature.signedHeaders(),
            Canonicalization.RELAXED,
            signature.withoutSignatureValue());
    byte[] ours = DkimCrypto.sign(DkimAlgorithm.ED25519_SHA256, ed25519Key(), data);
    assertThat(Base64.getEncoder().encodeToString(ours)).isEqualTo(ED25519_B);
  }

  @Test
  void theRfcsSignedMessageVerifiesWithBothSignatures() {
    DkimVerifier verifier = new DkimVerifier(zone.client(), clockAt(T));
    List<DkimResult> results = verifier.verify(crlf(SIGNATURES + UNSIGNED));
    assertThat(results)
        .extracting(DkimResult::status, DkimResult::selector, DkimResult::signaturePrefix)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(DkimStatus.PASS, "brisbane", "/gCrinpc"),
            org.assertj.core.groups.Tuple.tuple(DkimStatus.PASS, "test", "F45dVWDf"));
    assertThat(results.get(0).domain()).isEqualTo("football.example.com");
    assertThat(results.get(0).algorithm()).isEqualTo("ed25519-sha256");
  }

  @Test
  void theRfcsSignedMessageFailsOnceItsBodyChanged() {
    DkimVerifier verifier = new DkimVerifier(zone.client(), clockAt(T));
    String changed = SIGNATURES + UNSIGNED.replace("hungry", "thirsty");
    assertThat(verifier.verify(crlf(changed)))
        .extracting(DkimResult::status, DkimResult::reason)
        .containsOnly(
            org.assertj.core.groups.Tuple.tuple(DkimStatus.FAIL, "body hash did not verify"));
  }

  @Test
  void ourSignatureOfTheExampleHasTheRfcsBodyHashAndVerifies() throws Exception {
    DkimSigningKey key =
        new DkimSigningKey(
            "football.example.com", "brisbane", DkimAlgorithm.ED25519_SHA256, ed25519Key());
    byte[] signed = new DkimSigner(clockAt(T)).sign(crlf(UNSIGNED), List.of(key));
    String field = new String(signed, StandardCharsets.US_ASCII);
    field = field.substring(0, field.indexOf("\r\nFrom:"));
    assertThat(field).startsWith("DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;");
    TagList tags = TagList.parse(field.substring(field.indexOf(':') + 1));
    assertThat(tags.get("t", "")).isEqualTo(Long.toString(T));
    assertThat(TagList.split(tags.get("h", ""), ':'))
        .containsExactly("from", "subject", "date", "message-id", "to", "from");
    assertThat(tags.get("bh", "")).isEqualTo(BODY_HASH);
    assertThat(tags.has("l")).isFalse();
    assertThat(field.split("\r\n"))
        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));

    DkimVerifier verifier = new DkimVerifier(zone.client(), clockAt(T));
    assertThat(verifier.verify(signed))
        .extracting(DkimResult::status)
        .containsExactly(DkimStatus.PASS);
  }
}
