-- Vault schema 4: the day of the Date header as written, for SEARCH SENTBEFORE/SENTON/SENTSINCE.
-- RFC 9051 §6.4.4 compares the Date header's day "disregarding time and timezone", i.e. in the
-- zone it was written in, which sent_date (UTC) has lost. New rows get it from the parser. Rows
-- stored before this migration get sent_date's UTC day: the header's zone is no longer known
-- without re-reading every message (docs/adr/0060-search-sql-then-stored-text.md).
ALTER TABLE messages ADD COLUMN sent_day TEXT;
UPDATE messages SET sent_day = substr(sent_date, 1, 10) WHERE sent_date IS NOT NULL;
CREATE INDEX messages_folder_sent_day ON messages(folder_id, sent_day);
