package dev.mailvault.smtp.session;

import dev.mailvault.directory.AliasRoute;
import dev.mailvault.smtp.codec.ReaderLimits.LineEndPolicy;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One mail transaction (RFC 5321 §3.3): from MAIL to the end of the message, or RSET. */
final class Transaction {

  final String mailFrom;
  final boolean smtpUtf8;
  private final List<String> rcptTo = new ArrayList<>();

  /** By vault id: an alias named twice (or by plus-address too) receives one copy. */
  private final Map<String, AliasRoute> routes = new LinkedHashMap<>();

  private ByteArrayOutputStream chunks;
  private ChunkLineEnds chunkLineEnds;

  Transaction(String mailFrom, boolean smtpUtf8) {
    this.mailFrom = mailFrom;
    this.smtpUtf8 = smtpUtf8;
  }

  void addRecipient(String forwardPath, AliasRoute route) {
    rcptTo.add(forwardPath);
    routes.putIfAbsent(route.vaultId(), route);
  }

  int recipientCount() {
    return rcptTo.size();
  }

  List<String> rcptTo() {
    return List.copyOf(rcptTo);
  }

  List<AliasRoute> routes() {
    return List.copyOf(routes.values());
  }

  /** Whether BDAT has started: DATA is out of sequence then (RFC 3030 §3). */
  boolean chunking() {
    return chunks != null;
  }

  /** The line-end state carried from one BDAT chunk to the next. */
  ChunkLineEnds chunkLineEnds(LineEndPolicy policy) {
    if (chunkLineEnds == null) {
      chunkLineEnds = new ChunkLineEnds(policy);
    }
    return chunkLineEnds;
  }

  void addChunk(byte[] content) {
    if (chunks == null) {
      chunks = new ByteArrayOutputStream(content.length);
    }
    chunks.writeBytes(content);
  }

  long chunkedSize() {
    return chunks == null ? 0 : chunks.size();
  }

  byte[] chunkedMessage() {
    return chunks == null ? new byte[0] : chunks.toByteArray();
  }
}
