package dev.mailvault.cluster.remote;

import dev.mailvault.core.access.AppendResult;
import dev.mailvault.core.access.ConditionalStore;
import dev.mailvault.core.access.CopyResult;
import dev.mailvault.core.access.ExpungeResult;
import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.access.MailDelivery.Destination;
import dev.mailvault.core.access.MailDelivery.Filing;
import dev.mailvault.core.access.MailDelivery.Incoming;
import dev.mailvault.core.access.MailDelivery.Recipient;
import dev.mailvault.core.access.MessageFlags;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.MessageThread;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.access.SortCriterion;
import dev.mailvault.core.access.StoreMode;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.outbound.DsnNotify;
import dev.mailvault.core.outbound.DsnReturn;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.OutboundRecipient;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The wire form of every record that crosses between a front-end and a primary, written by hand:
 * each field in order, so that nothing but these types can ever be built from a peer's bytes (no
 * reflection, no class names on the wire; docs/adr/0278-remote-storage-contracts.md). Search
 * queries and vault events are in {@link QueryCodec} and {@link EventCodec}.
 */
final class Codecs {

  private Codecs() {}

  static void writeFlags(WireWriter out, Flags flags) {
    out.writeList(flags.system(), WireWriter::writeEnum);
    out.writeList(flags.keywords(), WireWriter::writeString);
  }

  static Flags readFlags(WireReader in) throws WireFormatException {
    List<SystemFlag> system = in.readList(4, r -> r.readEnum(SystemFlag.values()));
    List<String> keywords = in.readList(4, WireReader::readString);
    return new Flags(java.util.Set.copyOf(system), new TreeSet<>(keywords));
  }

  static void writeUids(WireWriter out, UidSet uids) {
    out.writeList(
        uids.ranges(),
        (w, r) -> {
          w.writeLong(r.first());
          w.writeLong(r.last());
        });
  }

  static UidSet readUids(WireReader in) throws WireFormatException {
    return new UidSet(in.readList(16, r -> new UidSet.Range(r.readLong(), r.readLong())));
  }

  static void writeLongList(WireWriter out, List<Long> values) {
    out.writeList(values, WireWriter::writeLong);
  }

  static List<Long> readLongList(WireReader in) throws WireFormatException {
    return in.readList(8, WireReader::readLong);
  }

  static void writeOptional(WireWriter out, Optional<String> value) {
    out.writeNullableString(value.orElse(null));
  }

  static Optional<String> readOptional(WireReader in) throws WireFormatException {
    return Optional.ofNullable(in.readNullableString());
  }

  static void writeFolder(WireWriter out, FolderInfo f) {
    out.writeString(f.name()).writeNullableString(f.specialUse());
    out.writeBool(f.subscribed()).writeBool(f.hasChildren());
    out.writeLong(f.uidValidity()).writeLong(f.uidNext()).writeLong(f.highestModseq());
    out.writeLong(f.messages()).writeLong(f.unseen()).writeLong(f.deleted()).writeLong(f.size());
  }

  static FolderInfo readFolder(WireReader in) throws WireFormatException {
    return new FolderInfo(
        in.readString(),
        in.readNullableString(),
        in.readBool(),
        in.readBool(),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.readLong());
  }

  static void writeMessageFlags(WireWriter out, MessageFlags m) {
    out.writeLong(m.uid());
    writeFlags(out, m.flags());
    out.writeLong(m.modseq());
  }

  static MessageFlags readMessageFlags(WireReader in) throws WireFormatException {
    return new MessageFlags(in.readLong(), readFlags(in), in.readLong());
  }

  static void writeMeta(WireWriter out, MessageMeta m) {
    out.writeLong(m.uid()).writeLong(m.modseq());
    writeFlags(out, m.flags());
    out.writeNullableInstant(m.internalDate()).writeLong(m.size());
    out.writeNullableString(m.envelope()).writeNullableString(m.body());
    out.writeNullableString(m.bodyStructure()).writeNullableString(m.messageId());
    out.writeLong(m.emailId()).writeNullableInstant(m.saveDate());
  }

  static MessageMeta readMeta(WireReader in) throws WireFormatException {
    return new MessageMeta(
        in.readLong(),
        in.readLong(),
        readFlags(in),
        in.readNullableInstant(),
        in.readLong(),
        in.readNullableString(),
        in.readNullableString(),
        in.readNullableString(),
        in.readNullableString(),
        in.readLong(),
        in.readNullableInstant());
  }

  static void writeSort(WireWriter out, SortCriterion c) {
    out.writeEnum(c.key()).writeBool(c.reverse());
  }

  static SortCriterion readSort(WireReader in) throws WireFormatException {
    return new SortCriterion(in.readEnum(SortCriterion.Key.values()), in.readBool());
  }

  static void writeThread(WireWriter out, MessageThread t) {
    out.writeLong(t.uid());
    out.writeList(t.children(), Codecs::writeThread);
  }

  static MessageThread readThread(WireReader in) throws WireFormatException {
    in.enter();
    MessageThread t = new MessageThread(in.readLong(), in.readList(12, Codecs::readThread));
    in.exit();
    return t;
  }

  static void writeFlagUpdate(WireWriter out, FlagUpdate u) {
    out.writeEnum(u.mode());
    writeFlags(out, u.flags());
  }

  static FlagUpdate readFlagUpdate(WireReader in) throws WireFormatException {
    return new FlagUpdate(in.readEnum(StoreMode.values()), readFlags(in));
  }

  static void writeConditional(WireWriter out, ConditionalStore c) {
    out.writeList(c.changed(), Codecs::writeMessageFlags);
    writeLongList(out, c.modified());
  }

  static ConditionalStore readConditional(WireReader in) throws WireFormatException {
    return new ConditionalStore(in.readList(24, Codecs::readMessageFlags), readLongList(in));
  }

  static void writeCopy(WireWriter out, CopyResult c) {
    out.writeLong(c.uidValidity());
    writeLongList(out, c.sourceUids());
    writeLongList(out, c.destinationUids());
  }

  static CopyResult readCopy(WireReader in) throws WireFormatException {
    return new CopyResult(in.readLong(), readLongList(in), readLongList(in));
  }

  static void writeExpunge(WireWriter out, ExpungeResult e) {
    writeLongList(out, e.uids());
    out.writeLong(e.highestModseq());
  }

  static ExpungeResult readExpunge(WireReader in) throws WireFormatException {
    return new ExpungeResult(readLongList(in), in.readLong());
  }

  static void writeAppend(WireWriter out, AppendResult a) {
    out.writeLong(a.uidValidity()).writeLong(a.uid()).writeLong(a.modseq());
  }

  static AppendResult readAppend(WireReader in) throws WireFormatException {
    return new AppendResult(in.readLong(), in.readLong(), in.readLong());
  }

  static void writeNewMessage(WireWriter out, NewMessage m) {
    out.writeBytes(m.raw());
    writeFlags(out, m.flags());
    out.writeInstant(m.internalDate());
  }

  static NewMessage readNewMessage(WireReader in) throws WireFormatException {
    return new NewMessage(in.readBytes(), readFlags(in), in.readInstant());
  }

  static void writeSections(WireWriter out, Map<Long, Map<String, byte[]>> sections) {
    out.writeList(
        sections.entrySet(),
        (w, e) -> {
          w.writeLong(e.getKey());
          w.writeList(
              e.getValue().entrySet(),
              (w2, s) -> {
                w2.writeString(s.getKey());
                w2.writeBytes(s.getValue());
              });
        });
  }

  static Map<Long, Map<String, byte[]>> readSections(WireReader in) throws WireFormatException {
    int messages = in.readCount(12);
    Map<Long, Map<String, byte[]>> out = new LinkedHashMap<>();
    for (int i = 0; i < messages; i++) {
      long uid = in.readLong();
      int count = in.readCount(8);
      Map<String, byte[]> read = new LinkedHashMap<>();
      for (int j = 0; j < count; j++) {
        read.put(in.readString(), in.readBytes());
      }
      out.put(uid, read);
    }
    return out;
  }

  static void writeFiling(WireWriter out, Filing f) {
    writeOptional(out, f.folder());
    out.writeBool(f.create());
    writeFlags(out, f.flags());
  }

  static Filing readFiling(WireReader in) throws WireFormatException {
    return new Filing(readOptional(in), in.readBool(), readFlags(in));
  }

  static void writeRecipient(WireWriter out, Recipient r) {
    out.writeString(r.vaultId()).writeBytes(r.spoolPublicKey());
    out.writeList(r.filings(), Codecs::writeFiling);
  }

  static Recipient readRecipient(WireReader in) throws WireFormatException {
    return new Recipient(in.readString(), in.readBytes(), in.readList(10, Codecs::readFiling));
  }

  static void writeIncoming(WireWriter out, Incoming m) {
    out.writeBytes(m.raw()).writeInstant(m.arrival()).writeString(m.mailFrom());
    out.writeList(m.rcptTo(), WireWriter::writeString);
    out.writeEnum(m.destination());
  }

  static Incoming readIncoming(WireReader in) throws WireFormatException {
    return new Incoming(
        in.readBytes(),
        in.readInstant(),
        in.readString(),
        in.readList(4, WireReader::readString),
        in.readEnum(Destination.values()));
  }

  static void writeOutboundRecipient(WireWriter out, OutboundRecipient r) {
    out.writeString(r.address());
    // in enum order: the same recipient is always the same bytes
    out.writeList(
        r.notifyOn().isEmpty() ? EnumSet.noneOf(DsnNotify.class) : EnumSet.copyOf(r.notifyOn()),
        WireWriter::writeEnum);
    writeOptional(out, r.originalRecipient());
  }

  static OutboundRecipient readOutboundRecipient(WireReader in) throws WireFormatException {
    return new OutboundRecipient(
        in.readString(),
        java.util.Set.copyOf(in.readList(4, r -> r.readEnum(DsnNotify.values()))),
        readOptional(in));
  }

  static void writeOutbound(WireWriter out, OutboundMessage m) {
    out.writeString(m.mailFrom()).writeString(m.sender());
    out.writeList(m.recipients(), Codecs::writeOutboundRecipient);
    out.writeBytes(m.raw()).writeInstant(m.accepted());
    writeOptional(out, m.envelopeId());
    out.writeEnum(m.ret())
        .writeBool(m.requireTls())
        .writeBool(m.smtpUtf8())
        .writeBool(m.eightBit());
  }

  static OutboundMessage readOutbound(WireReader in) throws WireFormatException {
    return new OutboundMessage(
        in.readString(),
        in.readString(),
        in.readList(9, Codecs::readOutboundRecipient),
        in.readBytes(),
        in.readInstant(),
        readOptional(in),
        in.readEnum(DsnReturn.values()),
        in.readBool(),
        in.readBool(),
        in.readBool());
  }
}
