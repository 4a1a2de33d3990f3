-- Vault schema 11: a full-text index of every stored content, inside the vault and so encrypted
-- with it (docs/adr/0219-full-text-index.md). Three parts:
-- message_words: the terms (FTS5 ascii tokenizer: runs of ASCII letters and digits and of any
--   character above ASCII) of each content's text, one row per content (rowid = contents.id), so
--   copies share it. Columns: meta = the stored subject and addresses, header = the decoded
--   header section, body = the decoded text parts, names = attachment file names, each case-folded
--   as SEARCH folds. Contentless: the text is kept once, compressed, in message_text.
-- message_text: that text (the four columns, NUL-separated UTF-8, zstd when it pays), on which
--   SEARCH confirms each candidate the terms give.
-- text_terms: every term ever indexed, once, with a trigram index over it, so that a needle piece
--   that may sit inside or at the end of a word finds the words that hold it.
CREATE VIRTUAL TABLE IF NOT EXISTS message_words USING fts5(
  meta, header, body, names,
  content = '', tokenize = 'ascii', detail = column, columnsize = 0);
CREATE TABLE IF NOT EXISTS message_text (
  content_id INTEGER PRIMARY KEY,
  codec INTEGER NOT NULL,
  length INTEGER NOT NULL,
  text BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS text_terms (
  id INTEGER PRIMARY KEY,
  term TEXT NOT NULL UNIQUE);
CREATE VIRTUAL TABLE IF NOT EXISTS text_term_trigrams USING fts5(
  term, content = 'text_terms', content_rowid = 'id',
  tokenize = 'trigram case_sensitive 1', detail = none);
-- one line: the migrator ends a statement at a semicolon that ends a line
CREATE TRIGGER IF NOT EXISTS text_terms_indexed AFTER INSERT ON text_terms BEGIN INSERT INTO text_term_trigrams(rowid, term) VALUES (new.id, new.term); END;
-- Contents stored before this migration are indexed in the background after login, from the
-- highest id down: every content with an id below text_index_below may not be indexed yet, and
-- SEARCH reads those by scan meanwhile. 0 once every content is indexed.
INSERT OR REPLACE INTO vault_meta(key, value)
  VALUES ('text_index_below', (SELECT coalesce(max(id) + 1, 0) FROM contents));
-- Contents stored from now on are indexed after their commit, in batches, in the background
-- (docs/adr/0220): every content with an id above text_indexed_through may not be indexed yet.
INSERT OR REPLACE INTO vault_meta(key, value)
  VALUES ('text_indexed_through', (SELECT coalesce(max(id), 0) FROM contents));
