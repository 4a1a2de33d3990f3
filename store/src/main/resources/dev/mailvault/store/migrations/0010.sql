-- Vault schema 10: the save date of RFC 8514 (SAVEDATE), the moment a message was saved into its
-- current folder (APPEND, delivery, COPY, MOVE), as ISO-8601 UTC text like internal_date. Rows
-- stored before keep NULL: when they were saved into their folder is not known, so FETCH SAVEDATE
-- answers NIL for them, and SEARCH SAVEDBEFORE/SAVEDON/SAVEDSINCE compare their internal date,
-- as RFC 8514 §4.2 does where no save date is kept (docs/adr/0224-savedate.md). Adding a column
-- rewrites no row, so this is quick on any vault; the index is over the expression the search
-- uses, so it serves old and new rows alike.
ALTER TABLE messages ADD COLUMN save_date TEXT;
CREATE INDEX IF NOT EXISTS messages_folder_saved ON messages(folder_id, coalesce(save_date, internal_date));
