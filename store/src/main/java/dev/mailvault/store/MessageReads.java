package dev.mailvault.store;

import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.MessageNotFoundException;
import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.mime.ByteSource;
import dev.mailvault.core.mime.MimePart;
import dev.mailvault.core.mime.MimePartCodec;
import dev.mailvault.core.mime.SectionReader;
import dev.mailvault.store.content.ContentStore;
import dev.mailvault.store.sqlite.VaultConnection;
import java.io.IOException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/** Reads of message metadata and content, each in one read transaction. */
final class MessageReads {

  private final Transactions transactions;

  MessageReads(Transactions transactions) {
    this.transactions = transactions;
  }

  long[] uids(String folder) throws MailvaultException {
    String name = FolderNames.canonical(folder);
    return transactions.read(c -> transactions.folderUids(c, FolderTable.require(c, name)));
  }

  long firstUnseen(String folder) throws MailvaultException {
    String name = FolderNames.canonical(folder);
    return transactions.read(
        c -> {
          FolderRow f = FolderTable.require(c, name);
          return f.unseen() == 0 ? 0 : MessageTable.firstUnseen(c, f.id());
        });
  }

  List<MessageMeta> changedSince(String folder, UidSet uids, long modseq)
      throws MailvaultException {
    String name = FolderNames.canonical(folder);
    return transactions.read(
        c -> MessageTable.meta(c, FolderTable.require(c, name).id(), uids, modseq));
  }

  List<MessageMeta> changedSince(String folder, UidSet uids, long modseq, boolean structure)
      throws MailvaultException {
    String name = FolderNames.canonical(folder);
    return transactions.read(
        c -> MessageTable.meta(c, FolderTable.require(c, name).id(), uids, modseq, structure));
  }

  List<MessageMeta> meta(String folder, UidSet uids, boolean structure) throws MailvaultException {
    String name = FolderNames.canonical(folder);
    return transactions.read(
        c -> MessageTable.meta(c, FolderTable.require(c, name).id(), uids, 0, structure));
  }

  long[] search(String folder, SearchQuery query) throws MailvaultException {
    String name = FolderNames.canonical(folder);
    return transactions.read(
        c ->
            MessageSearch.run(
                c, transactions.contents(), FolderTable.require(c, name).id(), query));
  }

  OptionalLong uidNextAt(String folder, long modseq) throws MailvaultException {
    String name = FolderNames.canonical(folder);
    return transactions.read(
        c -> FolderTable.uidNextAt(c, FolderTable.require(c, name).id(), modseq));
  }

  Set<String> keywords(String folder) throws MailvaultException {
    String name = FolderNames.canonical(folder);
    return transactions.read(c -> transactions.folderKeywords(c, FolderTable.require(c, name)));
  }

  List<Long> expungedSince(String folder, long modseq) throws MailvaultException {
    String name = FolderNames.canonical(folder);
    return transactions.read(
        c -> MessageTable.expungedSince(c, FolderTable.require(c, name).id(), modseq));
  }

  byte[] range(String folder, long uid, long offset, int length) throws MailvaultException {
    String name = FolderNames.canonical(folder);
    return transactions.read(
        c -> {
          MessageTable.ContentRef ref = contentRef(c, name, uid);
          if (offset >= ref.size()) {
            return new byte[0];
          }
          int available = (int) Math.min(length, ref.size() - offset);
          return ContentStore.source(c, transactions.contents(), ref.contentId(), ref.size())
              .read(offset, available);
        });
  }

  byte[] section(String folder, long uid, String section) throws MailvaultException {
    String name = FolderNames.canonical(folder);
    return transactions.read(
        c -> {
          MessageTable.ContentRef ref = contentRef(c, name, uid);
          if (section.isEmpty()) {
            return ContentStore.readAll(c, transactions.contents(), ref.contentId(), ref.size());
          }
          ByteSource source =
              ContentStore.source(c, transactions.contents(), ref.contentId(), ref.size());
          return SectionReader.read(tree(ref), source, section);
        });
  }

  /** {@link #section} of several messages and sections in one read transaction. */
  Map<Long, Map<String, byte[]>> sections(String folder, List<Long> uids, List<String> sections)
      throws MailvaultException {
    String name = FolderNames.canonical(folder);
    return transactions.read(
        c -> {
          long folderId = FolderTable.require(c, name).id();
          Map<Long, MessageTable.ContentRef> refs = MessageTable.contentRefs(c, folderId, uids);
          Map<Long, Map<String, byte[]>> out = new HashMap<>();
          for (long uid : uids) {
            MessageTable.ContentRef ref = refs.get(uid);
            if (ref == null) {
              continue; // expunged meanwhile: the caller reads it alone and hears why
            }
            ByteSource source =
                ContentStore.source(c, transactions.contents(), ref.contentId(), ref.size());
            MimePart tree = null;
            Map<String, byte[]> read = new HashMap<>();
            for (String section : sections) {
              if (section.isEmpty()) {
                read.put(
                    section,
                    ContentStore.readAll(c, transactions.contents(), ref.contentId(), ref.size()));
              } else {
                if (tree == null) {
                  tree = tree(ref);
                }
                read.put(section, SectionReader.read(tree, source, section));
              }
            }
            out.put(uid, read);
          }
          return out;
        });
  }

  private static MessageTable.ContentRef contentRef(VaultConnection c, String folder, long uid)
      throws SQLException, MailvaultException {
    long folderId = FolderTable.require(c, folder).id();
    return MessageTable.contentRef(c, folderId, uid)
        .orElseThrow(() -> new MessageNotFoundException(uid));
  }

  private static MimePart tree(MessageTable.ContentRef ref) throws IOException {
    try {
      return MimePartCodec.decode(ref.mimeTree());
    } catch (IllegalArgumentException e) {
      throw new IOException("the stored part tree is damaged", e);
    }
  }
}
