package dev.mailvault.mailauth.dkim;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bytes a DKIM signature covers (RFC 6376 §3.7): the header fields {@code h=} names, each
 * picked from the bottom up, canonicalized, then the DKIM-Signature field itself with {@code b=}
 * empty and without its final CRLF. The selection is linear in the number of fields.
 */
final class SignedData {

  private SignedData() {}

  static byte[] of(
      MessageHeader header,
      List<String> signedHeaders,
      Canonicalization canonicalization,
      HeaderField signatureWithoutValue) {
    Map<String, Deque<HeaderField>> byName = new HashMap<>();
    for (HeaderField field : header.fields()) {
      byName
          .computeIfAbsent(field.name().toLowerCase(Locale.ROOT), name -> new ArrayDeque<>())
          .push(field);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String name : signedHeaders) {
      // §5.4.2: the last unused instance of the name; a name listed once more than it occurs
      // selects nothing ("over-signing", §8.15), so one added later breaks the signature.
      Deque<HeaderField> instances = byName.get(name.toLowerCase(Locale.ROOT));
      if (instances != null && !instances.isEmpty()) {
        out.writeBytes(canonicalization.header(instances.pop()));
      }
    }
    byte[] signature = canonicalization.header(signatureWithoutValue);
    int length = signature.length;
    if (length >= 2 && signature[length - 2] == '\r' && signature[length - 1] == '\n') {
      length -= 2;
    }
    out.write(signature, 0, length);
    return out.toByteArray();
  }
}
