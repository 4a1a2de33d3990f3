package dev.mailvault.cluster.remote;

import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.access.ThreadAlgorithm;
import dev.mailvault.core.error.MailvaultException;
import java.util.OptionalLong;

/**
 * The primary's side of {@link RemoteMailboxAccess}: reads one call's arguments, calls the local
 * mailbox, writes the answer. Every argument is decoded before the store is touched.
 */
final class MailboxCalls {

  private MailboxCalls() {}

  /** Runs {@code op} on {@code box} with the arguments left in {@code in}. */
  static byte[] run(MailboxAccess box, String op, WireReader in) throws MailvaultException {
    WireWriter out = new WireWriter();
    switch (op) {
      case "listFolders" -> {
        in.finish();
        out.writeList(box.listFolders(), Codecs::writeFolder);
      }
      case "folder" -> {
        String name = in.readString();
        in.finish();
        Codecs.writeFolder(out, box.folder(name));
      }
      case "createFolder" -> {
        String name = in.readString();
        String specialUse = in.readNullableString();
        in.finish();
        Codecs.writeFolder(out, box.createFolder(name, specialUse));
      }
      case "renameFolder" -> {
        String from = in.readString();
        String to = in.readString();
        in.finish();
        box.renameFolder(from, to);
      }
      case "deleteFolder" -> {
        String name = in.readString();
        in.finish();
        box.deleteFolder(name);
      }
      case "subscribe" -> {
        String name = in.readString();
        in.finish();
        box.subscribe(name);
      }
      case "unsubscribe" -> {
        String name = in.readString();
        in.finish();
        out.writeBool(box.unsubscribe(name));
      }
      case "subscriptions" -> {
        in.finish();
        out.writeList(box.subscriptions(), WireWriter::writeString);
      }
      case "append" -> {
        var folder = in.readString();
        var message = Codecs.readNewMessage(in);
        in.finish();
        Codecs.writeAppend(out, box.append(folder, message));
      }
      case "appendAll" -> {
        var folder = in.readString();
        var messages = in.readList(16, Codecs::readNewMessage);
        in.finish();
        out.writeList(box.appendAll(folder, messages), (w, a) -> Codecs.writeAppend(w, a));
      }
      case "storeFlags" -> {
        var folder = in.readString();
        var uids = Codecs.readUids(in);
        var update = Codecs.readFlagUpdate(in);
        in.finish();
        out.writeList(box.storeFlags(folder, uids, update), Codecs::writeMessageFlags);
      }
      case "storeFlagsIf" -> {
        var folder = in.readString();
        var uids = Codecs.readUids(in);
        var update = Codecs.readFlagUpdate(in);
        long unchangedSince = in.readLong();
        in.finish();
        Codecs.writeConditional(out, box.storeFlags(folder, uids, update, unchangedSince));
      }
      case "copy", "move" -> {
        var from = in.readString();
        var uids = Codecs.readUids(in);
        var to = in.readString();
        in.finish();
        Codecs.writeCopy(
            out, op.equals("copy") ? box.copy(from, uids, to) : box.move(from, uids, to));
      }
      case "expunge" -> {
        var folder = in.readString();
        in.finish();
        Codecs.writeExpunge(out, box.expunge(folder));
      }
      case "expungeUids" -> {
        var folder = in.readString();
        var uids = Codecs.readUids(in);
        in.finish();
        Codecs.writeExpunge(out, box.expunge(folder, uids));
      }
      case "uids" -> {
        var folder = in.readString();
        in.finish();
        out.writeLongs(box.uids(folder));
      }
      case "messages2" -> {
        var folder = in.readString();
        var uids = Codecs.readUids(in);
        in.finish();
        out.writeList(box.messages(folder, uids), Codecs::writeMeta);
      }
      case "messages" -> {
        var folder = in.readString();
        var uids = Codecs.readUids(in);
        boolean structure = in.readBool();
        in.finish();
        out.writeList(box.messages(folder, uids, structure), Codecs::writeMeta);
      }
      case "changedSince" -> {
        var folder = in.readString();
        var uids = Codecs.readUids(in);
        long modseq = in.readLong();
        boolean structure = in.readBool();
        in.finish();
        out.writeList(box.changedSince(folder, uids, modseq, structure), Codecs::writeMeta);
      }
      case "expungedSince" -> {
        var folder = in.readString();
        long modseq = in.readLong();
        in.finish();
        Codecs.writeLongList(out, box.expungedSince(folder, modseq));
      }
      case "uidNextAt" -> {
        var folder = in.readString();
        long modseq = in.readLong();
        in.finish();
        OptionalLong next = box.uidNextAt(folder, modseq);
        out.writeBool(next.isPresent());
        if (next.isPresent()) {
          out.writeLong(next.getAsLong());
        }
      }
      case "keywords" -> {
        var folder = in.readString();
        in.finish();
        out.writeList(box.keywords(folder), WireWriter::writeString);
      }
      case "search" -> {
        var folder = in.readString();
        var query = QueryCodec.read(in);
        in.finish();
        out.writeLongs(box.search(folder, query));
      }
      case "sort" -> {
        var folder = in.readString();
        var criteria = in.readList(5, Codecs::readSort);
        var query = QueryCodec.read(in);
        in.finish();
        out.writeLongs(box.sort(folder, criteria, query));
      }
      case "thread" -> {
        var folder = in.readString();
        var algorithm = in.readEnum(ThreadAlgorithm.values());
        var query = QueryCodec.read(in);
        in.finish();
        out.writeList(box.thread(folder, algorithm, query), Codecs::writeThread);
      }
      case "firstUnseen" -> {
        var folder = in.readString();
        in.finish();
        out.writeLong(box.firstUnseen(folder));
      }
      case "fetch" -> {
        var folder = in.readString();
        long uid = in.readLong();
        in.finish();
        out.writeBytes(box.fetch(folder, uid));
      }
      case "fetchRange" -> {
        var folder = in.readString();
        long uid = in.readLong();
        long offset = in.readLong();
        int length = in.readInt();
        in.finish();
        out.writeBytes(box.fetchRange(folder, uid, offset, length));
      }
      case "fetchSection" -> {
        var folder = in.readString();
        long uid = in.readLong();
        var section = in.readString();
        in.finish();
        out.writeBytes(box.fetchSection(folder, uid, section));
      }
      case "fetchSections" -> {
        var folder = in.readString();
        var uids = Codecs.readLongList(in);
        var sections = in.readList(4, WireReader::readString);
        in.finish();
        Codecs.writeSections(out, box.fetchSections(folder, uids, sections));
      }
      case "await" -> {
        in.finish();
        box.awaitEvents();
      }
      default -> throw new WireFormatException("unknown method");
    }
    return out.toBytes();
  }
}
