package dev.mailvault.cluster.remote;

import dev.mailvault.core.access.VaultEvent;

/** The wire form of a {@link VaultEvent}, pushed from a primary to a front-end's handle. */
final class EventCodec {

  private static final int ADDED = 1;
  private static final int FLAGS = 2;
  private static final int EXPUNGED = 3;
  private static final int CREATED = 4;
  private static final int DELETED = 5;
  private static final int SUBSCRIPTION = 6;
  private static final int RENAMED = 7;
  private static final int REPLACED = 8;

  private EventCodec() {}

  static void write(WireWriter out, VaultEvent e) {
    if (e instanceof VaultEvent.MessagesAdded a) {
      out.writeByte(ADDED).writeString(a.folder()).writeLong(a.uidValidity());
      Codecs.writeLongList(out, a.uids());
      out.writeLong(a.highestModseq());
    } else if (e instanceof VaultEvent.FlagsChanged f) {
      out.writeByte(FLAGS).writeString(f.folder());
      out.writeList(f.changes(), Codecs::writeMessageFlags).writeLong(f.highestModseq());
    } else if (e instanceof VaultEvent.MessagesExpunged x) {
      out.writeByte(EXPUNGED).writeString(x.folder());
      Codecs.writeLongList(out, x.uids());
      out.writeLong(x.highestModseq());
    } else if (e instanceof VaultEvent.FolderCreated c) {
      out.writeByte(CREATED).writeString(c.folder());
    } else if (e instanceof VaultEvent.FolderDeleted d) {
      out.writeByte(DELETED).writeString(d.folder());
    } else if (e instanceof VaultEvent.SubscriptionChanged s) {
      out.writeByte(SUBSCRIPTION).writeString(s.name()).writeBool(s.subscribed());
    } else if (e instanceof VaultEvent.FolderRenamed r) {
      out.writeByte(RENAMED).writeString(r.from()).writeString(r.to());
    } else if (e instanceof VaultEvent.VaultReplaced) {
      out.writeByte(REPLACED);
    } else {
      throw new IllegalArgumentException("no wire form for " + e.getClass().getSimpleName());
    }
  }

  static VaultEvent read(WireReader in) throws WireFormatException {
    int tag = in.readByte();
    switch (tag) {
      case ADDED:
        return new VaultEvent.MessagesAdded(
            in.readString(), in.readLong(), Codecs.readLongList(in), in.readLong());
      case FLAGS:
        return new VaultEvent.FlagsChanged(
            in.readString(), in.readList(24, Codecs::readMessageFlags), in.readLong());
      case EXPUNGED:
        return new VaultEvent.MessagesExpunged(
            in.readString(), Codecs.readLongList(in), in.readLong());
      case CREATED:
        return new VaultEvent.FolderCreated(in.readString());
      case DELETED:
        return new VaultEvent.FolderDeleted(in.readString());
      case SUBSCRIPTION:
        return new VaultEvent.SubscriptionChanged(in.readString(), in.readBool());
      case RENAMED:
        return new VaultEvent.FolderRenamed(in.readString(), in.readString());
      case REPLACED:
        return new VaultEvent.VaultReplaced();
      default:
        throw new WireFormatException("unknown event");
    }
  }
}
