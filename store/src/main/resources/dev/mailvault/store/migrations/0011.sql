-- Vault schema 10: a full-text index of every stored content, inside the vault and so encrypted
-- with it (docs/adr/0219-full-text-index.md). One row per content (rowid = contents.id), so copies
-- share it. Columns hold SearchText.searchForm text (case-folded as SEARCH folds): meta = the
-- stored subject and addresses, header = the decoded header section, body = the decoded text
-- parts, names = attachment file names. Trigrams answer any substring of three characters or
-- more; detail=column keeps column filters and drops positions (SEARCH confirms each candidate).
CREATE VIRTUAL TABLE IF NOT EXISTS message_text USING fts5(
  meta, header, body, names,
  tokenize = 'trigram case_sensitive 1', detail = column, columnsize = 0);
-- Contents stored before this migration are indexed in the background after login, from the
-- highest id down: every content with an id below text_index_below may not be indexed yet, and
-- SEARCH reads those by scan meanwhile. 0 once every content is indexed.
INSERT OR REPLACE INTO vault_meta(key, value)
  VALUES ('text_index_below', (SELECT coalesce(max(id) + 1, 0) FROM contents));
