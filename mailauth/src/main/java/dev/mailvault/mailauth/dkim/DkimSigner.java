package dev.mailvault.mailauth.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Signs outgoing messages (RFC 6376 §5): one DKIM-Signature field per key, prepended, with
 * relaxed/relaxed canonicalization, a timestamp, no body length, and {@code h=} naming every field
 * of {@link #SIGNED_FIELDS} the message has, each as often as it occurs and From once more (ADR
 * 0205).
 */
public final class DkimSigner {

  /**
   * The fields worth signing (RFC 6376 §5.4.1): those a reader sees or a client acts on. Trace and
   * transport fields (Received, Return-Path) are left out: relays add to them.
   */
  static final List<String> SIGNED_FIELDS =
      List.of(
          "from",
          "sender",
          "reply-to",
          "subject",
          "date",
          "message-id",
          "to",
          "cc",
          "in-reply-to",
          "references",
          "mime-version",
          "content-type",
          "content-transfer-encoding",
          "content-id",
          "content-description",
          "resent-date",
          "resent-from",
          "resent-sender",
          "resent-to",
          "resent-cc",
          "resent-message-id",
          "list-id",
          "list-help",
          "list-unsubscribe",
          "list-unsubscribe-post",
          "list-subscribe",
          "list-post",
          "list-owner",
          "list-archive");

  private static final String FIELD_NAME = "DKIM-Signature";

  private final Clock clock;

  public DkimSigner(Clock clock) {
    this.clock = clock;
  }

  /**
   * {@code message} (CRLF line ends) with one DKIM-Signature field per key in front of it, the
   * first key's on top.
   *
   * @throws IllegalArgumentException when a private key does not fit its algorithm
   */
  public byte[] sign(byte[] message, List<DkimSigningKey> keys) {
    MessageHeader header = MessageHeader.parse(message);
    List<String> signedHeaders = signedHeaders(header);
    byte[] body = Canonicalization.RELAXED.body(message, header.bodyStart());
    String bodyHash = Base64.getEncoder().encodeToString(DkimCrypto.sha256(body, body.length));
    long now = clock.instant().getEpochSecond();
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + keys.size() * 512);
    for (DkimSigningKey key : keys) {
      out.writeBytes(signatureField(header, signedHeaders, bodyHash, now, key));
    }
    out.writeBytes(message);
    return out.toByteArray();
  }

  /** §5.4.2 and §8.15: every instance of each field signed, and one From more than there are. */
  static List<String> signedHeaders(MessageHeader header) {
    List<String> names = new ArrayList<>();
    for (String name : SIGNED_FIELDS) {
      for (int i = header.named(name).size(); i > 0; i--) {
        names.add(name);
      }
    }
    // Selects nothing when verified, so a From added in transit makes the signature fail.
    names.add("from");
    return names;
  }

  private static byte[] signatureField(
      MessageHeader header,
      List<String> signedHeaders,
      String bodyHash,
      long now,
      DkimSigningKey key) {
    FoldedField field = new FoldedField(FIELD_NAME + ":");
    field.spaced("v=1;").spaced("a=" + key.algorithm().tag() + ";").spaced("c=relaxed/relaxed;");
    field
        .spaced("d=" + key.domain().toLowerCase(Locale.ROOT) + ";")
        .spaced("s=" + key.selector() + ";");
    field.spaced("t=" + now + ";");
    for (int i = 0; i < signedHeaders.size(); i++) {
      String last = i == signedHeaders.size() - 1 ? ";" : "";
      if (i == 0) {
        field.spaced("h=" + signedHeaders.get(i) + last);
      } else {
        field.tight(":" + signedHeaders.get(i) + last);
      }
    }
    field.spaced("bh=" + bodyHash + ";").spaced("b=");
    // §3.7: the field is signed as it will be, with b= empty, and without its final CRLF.
    HeaderField unsigned =
        new HeaderField(FIELD_NAME, field.toString().getBytes(StandardCharsets.US_ASCII));
    byte[] data = SignedData.of(header, signedHeaders, Canonicalization.RELAXED, unsigned);
    byte[] signature;
    try {
      signature = DkimCrypto.sign(key.algorithm(), key.privateKey(), data);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "the private key of selector " + key.selector() + " does not fit " + key.algorithm(), e);
    }
    field.broken(Base64.getEncoder().encodeToString(signature));
    return (field + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }
}
