package dev.mailvault.smtp.session;

import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.core.spill.SpillArea;
import dev.mailvault.core.spill.SpillingBuffer;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.smtp.codec.ReaderLimits.LineEndPolicy;
import dev.mailvault.smtp.codec.SmtpCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One mail transaction (RFC 5321 §3.3): from MAIL to the end of the message, or RSET. BDAT chunks
 * gather in a {@link SpillingBuffer} (ADR 0165): {@link #close()} it when the transaction ends.
 */
final class Transaction implements AutoCloseable {

  final String mailFrom;
  final boolean smtpUtf8;

  /** The MAIL command: submission hands its DSN, BODY and REQUIRETLS parameters on. */
  final SmtpCommand.Mail mail;

  private final List<String> rcptTo = new ArrayList<>();

  /** Submission's recipients, with their DSN options. */
  private final List<OutboundRecipient> outbound = new ArrayList<>();

  /** By vault id: an alias named twice (or by plus-address too) receives one copy. */
  private final Map<String, AliasRoute> routes = new LinkedHashMap<>();

  private final Map<String, Routed.Relay> relays = new LinkedHashMap<>();

  private SpillingBuffer chunks;
  private ChunkLineEnds chunkLineEnds;

  Transaction(SmtpCommand.Mail mail) {
    this.mail = mail;
    this.mailFrom = mail.reversePath();
    this.smtpUtf8 = mail.smtpUtf8();
  }

  /** Submission: a recipient for the outbound queue, named as the client named it. */
  void addRecipient(OutboundRecipient recipient) {
    rcptTo.add(recipient.address());
    outbound.add(recipient);
  }

  List<OutboundRecipient> outboundRecipients() {
    return List.copyOf(outbound);
  }

  void addRecipient(String forwardPath, Routed routed) {
    rcptTo.add(forwardPath);
    if (routed instanceof Routed.Alias alias) {
      routes.putIfAbsent(alias.route().vaultId(), alias.route());
    } else if (routed instanceof Routed.Relay relay) {
      relays.putIfAbsent(relay.to().toLowerCase(Locale.ROOT), relay);
    }
  }

  /** The recipients queued on as they are (ADR 0241, 0243), one per address. */
  List<Routed.Relay> relays() {
    return List.copyOf(relays.values());
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

  /** The line-end state carried from one BDAT chunk to the next. */
  ChunkLineEnds chunkLineEnds(LineEndPolicy policy) {
    if (chunkLineEnds == null) {
      chunkLineEnds = new ChunkLineEnds(policy);
    }
    return chunkLineEnds;
  }

  /** False when the budget cannot take the chunk or it cannot be kept: a temporary failure. */
  boolean addChunk(byte[] content, SpillArea spillArea) {
    if (chunks == null) {
      chunks = spillArea.newBuffer();
    }
    return chunks.write(content, 0, content.length);
  }

  long chunkedSize() {
    return chunks == null ? 0 : chunks.size();
  }

  byte[] chunkedMessage() {
    return chunks == null ? new byte[0] : chunks.toByteArray();
  }

  @Override
  public void close() {
    if (chunks != null) {
      chunks.close();
    }
  }
}
