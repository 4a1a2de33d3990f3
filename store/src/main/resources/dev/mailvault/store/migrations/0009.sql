-- Vault schema 9: the keys SORT and THREAD compare (RFC 5256, RFC 5957), computed once when a
-- message is stored, and the indexes that order by them (docs/adr/0215-stored-sort-and-thread-keys.md).
-- Text keys are in i;unicode-casemap canonical form (RFC 5051), so BINARY order is the RFC's order.
-- Rows stored before keep NULLs here (sort_date IS NULL marks them, found through the date index);
-- the first SORT or THREAD of
-- their folder computes their keys from the stored subject, ENVELOPE and headers, in chunks, so
-- this migration reads no message and rewrites no row.
ALTER TABLE messages ADD COLUMN sort_date TEXT;
ALTER TABLE messages ADD COLUMN sort_subject TEXT;
ALTER TABLE messages ADD COLUMN subject_reply INTEGER;
ALTER TABLE messages ADD COLUMN sort_from TEXT;
ALTER TABLE messages ADD COLUMN sort_to TEXT;
ALTER TABLE messages ADD COLUMN sort_cc TEXT;
ALTER TABLE messages ADD COLUMN display_from TEXT;
ALTER TABLE messages ADD COLUMN display_to TEXT;
ALTER TABLE messages ADD COLUMN thread_id TEXT;
ALTER TABLE messages ADD COLUMN thread_refs TEXT;
-- SORT DATE, SUBJECT and FROM, the orders clients ask for, read in order from an index of their own.
CREATE INDEX messages_folder_sort_date ON messages(folder_id, sort_date, uid);
CREATE INDEX messages_folder_sort_subject ON messages(folder_id, sort_subject, uid);
CREATE INDEX messages_folder_sort_from ON messages(folder_id, sort_from, uid);
-- Every other key and THREAD's links in one covering index: read without the wide rows, then sorted.
CREATE INDEX messages_folder_sort_keys ON messages(folder_id, uid, sort_date, internal_date, size,
  sort_subject, subject_reply, sort_from, sort_to, sort_cc, display_from, display_to, thread_id,
  thread_refs);
