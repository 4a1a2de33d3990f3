-- Vault schema 8: UIDNEXT as each append raised it, keyed by the MODSEQ the append took, so a
-- QRESYNC resync from a mod-sequence knows which UIDs that client could have known and answers
-- FETCH only for those (RFC 7162 §3.2.5; docs/adr/0212-uidnext-by-modseq.md). One row per append
-- transaction. The rows below are each folder's state now: a resync from before this migration
-- finds no earlier row and is answered for every UID, as before.
CREATE TABLE IF NOT EXISTS uid_next_log (
  folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
  modseq    INTEGER NOT NULL,
  uid_next  INTEGER NOT NULL,
  PRIMARY KEY (folder_id, modseq)
) WITHOUT ROWID;
INSERT OR IGNORE INTO uid_next_log(folder_id, modseq, uid_next)
  SELECT id, highest_modseq, uid_next FROM folders;
