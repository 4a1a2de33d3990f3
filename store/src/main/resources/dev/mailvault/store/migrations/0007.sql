-- Vault schema 7: the per-message columns a client syncs by (flags, MODSEQ, dates, sizes) in an
-- index of their own, so FETCH FLAGS over a folder, flag searches and SELECT's first unseen read
-- this narrow index instead of every wide message row; after another session's write each of
-- those rows' pages had to be read and decrypted again (docs/adr/0189-narrow-message-index.md).
CREATE INDEX IF NOT EXISTS messages_folder_sync
  ON messages(folder_id, uid, modseq, flags, keywords, internal_date, size);
