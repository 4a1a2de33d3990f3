package dev.mailvault.store;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mime.MimePart;
import dev.mailvault.core.mime.MimePartCodec;
import dev.mailvault.store.content.ContentStore;
import dev.mailvault.store.sqlite.VaultConnection;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the contents stored before the full-text index existed (vault schema 10) to it, in the
 * background after the vault opens, from the highest id down (recent mail first). Each batch is
 * read and its text derived in a read transaction, then written in one short write of its own, so
 * appends and other writes take turns with it and a login never waits for it. Until it is done,
 * SEARCH reads the contents below {@link TextIndex#unindexedBelow} by scan, so results are the same
 * before, during and after (docs/adr/0219-full-text-index.md).
 */
final class TextIndexBuilder {

  /** Contents per batch: one write of a few hundred milliseconds at most. */
  static final int BATCH = 64;

  private static final Logger LOG = LoggerFactory.getLogger(TextIndexBuilder.class);

  private record Indexed(long contentId, MessageText text) {}

  private final SharedVault vault;

  private TextIndexBuilder(SharedVault vault) {
    this.vault = vault;
  }

  /** Starts on {@code executor} when the vault has contents left to index; returns at once. */
  static void startIfNeeded(SharedVault vault, Executor executor) throws MailvaultException {
    if (vault.read(TextIndex::unindexedBelow) > 0) {
      executor.execute(new TextIndexBuilder(vault)::run);
    }
  }

  private void run() {
    try {
      while (vault.isOpen() && batch()) {
        // one batch per turn
      }
    } catch (MailvaultException | RuntimeException e) {
      // a closing vault ends the build; the next open resumes it from the recorded bound
      if (vault.isOpen()) {
        LOG.warn("full-text index build of vault {} stopped: {}", vault.id(), e.toString());
      }
    }
  }

  /** Indexes one batch; false when nothing is left. */
  private boolean batch() throws MailvaultException {
    long below = vault.read(TextIndex::unindexedBelow);
    if (below <= 0) {
      return false;
    }
    List<Indexed> batch = vault.read(c -> derive(c, below));
    long next = batch.size() < BATCH ? 0 : batch.get(batch.size() - 1).contentId();
    vault.write(
        tx -> {
          VaultConnection c = tx.connection();
          for (Indexed item : batch) {
            boolean stillStored =
                c.queryLong("SELECT 1 FROM contents WHERE id = ?", item.contentId()).isPresent();
            if (item.text() != null && stillStored && !TextIndex.isIndexed(c, item.contentId())) {
              TextIndex.insert(tx, vault.knownTerms(), item.contentId(), item.text());
            }
          }
          TextIndex.setUnindexedBelow(c, next);
          return null;
        });
    return next > 0;
  }

  private List<Indexed> derive(VaultConnection c, long below) throws SQLException {
    List<long[]> contents = new ArrayList<>();
    try (ResultSet r =
        c.bind("SELECT id, size FROM contents WHERE id < ? ORDER BY id DESC LIMIT ?", below, BATCH)
            .executeQuery()) {
      while (r.next()) {
        contents.add(new long[] {r.getLong(1), r.getLong(2)});
      }
    }
    List<Indexed> batch = new ArrayList<>(contents.size());
    for (long[] content : contents) {
      long id = content[0];
      try (ResultSet r =
          c.bind(
                  "SELECT subject, from_addr, to_addrs, cc_addrs, mime_tree FROM messages"
                      + " WHERE content_id = ? LIMIT 1",
                  id)
              .executeQuery()) {
        if (!r.next()) {
          // no message uses it (it is being removed): nothing to index, but the bound passes it
          batch.add(new Indexed(id, null));
          continue;
        }
        MessageText text;
        try {
          MimePart root = MimePartCodec.decode(r.getBytes(5));
          text =
              MessageText.of(
                  r.getString(1),
                  r.getString(2),
                  r.getString(3),
                  r.getString(4),
                  root,
                  ContentStore.source(c, vault.contents(), id, content[1]));
        } catch (IllegalArgumentException | IOException e) {
          // a damaged message cannot be searched by scan either; it stays out of the index
          LOG.warn("vault {}: content {} left out of the full-text index", vault.id(), id);
          text = null;
        }
        batch.add(new Indexed(id, text));
      }
    }
    return batch;
  }
}
