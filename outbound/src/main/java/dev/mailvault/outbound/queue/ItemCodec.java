package dev.mailvault.outbound.queue;

import dev.mailvault.core.outbound.DsnNotify;
import dev.mailvault.core.outbound.DsnReturn;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.OutboundRecipient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The plaintext inside the queue's sealed files, version 1, big-endian, strings as {@link
 * DataOutputStream#writeUTF} (modified UTF-8, at most 65535 bytes), optional values behind a
 * presence byte, instants as epoch milliseconds.
 *
 * <pre>
 * item:  u8 1 | mailFrom | sender | i64 accepted | ?envid | u8 ret | u8 flags (1 requireTls,
 *        2 smtpUtf8, 4 eightBit) | i32 n, n x (address | u8 notify bits | ?orcpt) | i32 len, raw
 * state: u8 1 | i32 n, n x recipient | i32 m, m x report
 * </pre>
 */
final class ItemCodec {

  private static final byte VERSION = 1;

  private ItemCodec() {}

  static byte[] encodeMessage(OutboundMessage message) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(message.raw().length + 512);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(message.mailFrom());
      out.writeUTF(message.sender());
      out.writeLong(message.accepted().toEpochMilli());
      writeOptional(out, message.envelopeId());
      out.writeByte(message.ret().ordinal());
      out.writeByte(
          (message.requireTls() ? 1 : 0)
              | (message.smtpUtf8() ? 2 : 0)
              | (message.eightBit() ? 4 : 0));
      out.writeInt(message.recipients().size());
      for (OutboundRecipient recipient : message.recipients()) {
        out.writeUTF(recipient.address());
        int bits = 0;
        for (DsnNotify notify : recipient.notifyOn()) {
          bits |= 1 << notify.ordinal();
        }
        out.writeByte(bits);
        writeOptional(out, recipient.originalRecipient());
      }
      out.writeInt(message.raw().length);
      out.write(message.raw());
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return bytes.toByteArray();
  }

  static OutboundMessage decodeMessage(byte[] plaintext) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plaintext))) {
      checkVersion(in);
      String mailFrom = in.readUTF();
      String sender = in.readUTF();
      Instant accepted = Instant.ofEpochMilli(in.readLong());
      Optional<String> envelopeId = readOptional(in);
      DsnReturn ret = DsnReturn.values()[in.readUnsignedByte()];
      int flags = in.readUnsignedByte();
      int count = in.readInt();
      List<OutboundRecipient> recipients = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String address = in.readUTF();
        int bits = in.readUnsignedByte();
        Set<DsnNotify> notify = EnumSet.noneOf(DsnNotify.class);
        for (DsnNotify value : DsnNotify.values()) {
          if ((bits & (1 << value.ordinal())) != 0) {
            notify.add(value);
          }
        }
        recipients.add(new OutboundRecipient(address, notify, readOptional(in)));
      }
      byte[] raw = new byte[in.readInt()];
      in.readFully(raw);
      return new OutboundMessage(
          mailFrom,
          sender,
          recipients,
          raw,
          accepted,
          envelopeId,
          ret,
          (flags & 1) != 0,
          (flags & 2) != 0,
          (flags & 4) != 0);
    } catch (RuntimeException e) {
      throw new IOException("queue item is malformed", e);
    }
  }

  static byte[] encodeState(ItemState state) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeInt(state.recipients().size());
      for (RecipientState r : state.recipients()) {
        out.writeInt(r.index());
        out.writeByte(r.progress().ordinal());
        out.writeInt(r.attempts());
        out.writeLong(r.nextAttempt().toEpochMilli());
        out.writeBoolean(r.lastAttempt().isPresent());
        out.writeLong(r.lastAttempt().map(Instant::toEpochMilli).orElse(0L));
        out.writeUTF(r.status());
        out.writeUTF(clip(r.diagnostic()));
        writeOptional(out, r.remoteMta());
        out.writeBoolean(r.delayWarned());
        out.writeBoolean(r.local());
      }
      out.writeInt(state.reports().size());
      for (Report report : state.reports()) {
        out.writeInt(report.number());
        out.writeByte(report.kind().ordinal());
        out.writeLong(report.created().toEpochMilli());
        out.writeInt(report.recipients().size());
        for (Report.Reported r : report.recipients()) {
          out.writeInt(r.index());
          out.writeUTF(r.status());
          out.writeUTF(clip(r.diagnostic()));
          writeOptional(out, r.remoteMta());
          out.writeLong(r.lastAttempt().toEpochMilli());
          out.writeBoolean(r.local());
        }
        out.writeByte(report.progress().ordinal());
        out.writeInt(report.attempts());
        out.writeLong(report.nextAttempt().toEpochMilli());
        out.writeUTF(clip(report.diagnostic()));
      }
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return bytes.toByteArray();
  }

  static ItemState decodeState(byte[] plaintext) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plaintext))) {
      checkVersion(in);
      int count = in.readInt();
      List<RecipientState> recipients = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int index = in.readInt();
        RecipientState.Progress progress = RecipientState.Progress.values()[in.readUnsignedByte()];
        int attempts = in.readInt();
        Instant next = Instant.ofEpochMilli(in.readLong());
        boolean tried = in.readBoolean();
        long last = in.readLong();
        recipients.add(
            new RecipientState(
                index,
                progress,
                attempts,
                next,
                tried ? Optional.of(Instant.ofEpochMilli(last)) : Optional.empty(),
                in.readUTF(),
                in.readUTF(),
                readOptional(in),
                in.readBoolean(),
                in.readBoolean()));
      }
      int reportCount = in.readInt();
      List<Report> reports = new ArrayList<>(reportCount);
      for (int i = 0; i < reportCount; i++) {
        int number = in.readInt();
        Report.Kind kind = Report.Kind.values()[in.readUnsignedByte()];
        Instant created = Instant.ofEpochMilli(in.readLong());
        int reported = in.readInt();
        List<Report.Reported> rows = new ArrayList<>(reported);
        for (int j = 0; j < reported; j++) {
          rows.add(
              new Report.Reported(
                  in.readInt(),
                  in.readUTF(),
                  in.readUTF(),
                  readOptional(in),
                  Instant.ofEpochMilli(in.readLong()),
                  in.readBoolean()));
        }
        reports.add(
            new Report(
                number,
                kind,
                created,
                rows,
                RecipientState.Progress.values()[in.readUnsignedByte()],
                in.readInt(),
                Instant.ofEpochMilli(in.readLong()),
                in.readUTF()));
      }
      return new ItemState(recipients, reports);
    } catch (RuntimeException e) {
      throw new IOException("queue state is malformed", e);
    }
  }

  /**
   * A remote reply may be long; what the DSN and the CLI need fits in far less than writeUTF's
   * limit.
   */
  private static String clip(String text) {
    return text.length() > 2000 ? text.substring(0, 2000) : text;
  }

  private static void checkVersion(DataInputStream in) throws IOException {
    int version = in.readUnsignedByte();
    if (version != VERSION) {
      throw new IOException("unknown queue file format " + version);
    }
  }

  private static void writeOptional(DataOutputStream out, Optional<String> value)
      throws IOException {
    out.writeBoolean(value.isPresent());
    if (value.isPresent()) {
      out.writeUTF(value.get());
    }
  }

  private static Optional<String> readOptional(DataInputStream in) throws IOException {
    return in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
  }
}
