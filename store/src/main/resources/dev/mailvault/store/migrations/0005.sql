-- Vault schema 5: a content that is one inline chunk (nearly every message: no attachment body of
-- 64 KiB or more, at most 256 KiB) keeps that chunk in its contents row instead of a segments row.
-- An append then writes no segments page and no page of the segments key: two fewer encrypted
-- pages per commit, about a fifth of them (docs/adr/0073-inline-content.md). Contents stored
-- before stay in segments (data IS NULL); readers take either, so nothing is rewritten here.
ALTER TABLE contents ADD COLUMN codec INTEGER;
ALTER TABLE contents ADD COLUMN data BLOB;
