-- Vault schema 2: drop the text and size sort indexes of schema 1.
-- Every index costs one more encrypted page written per append, and these indexed the wrong
-- keys: RFC 5256 sorts by base subject and by the first address's mailbox, which need their own
-- normalised columns. SORT adds those columns and their indexes (docs/adr/0033-vault-indexes.md).
DROP INDEX IF EXISTS messages_folder_size;
DROP INDEX IF EXISTS messages_folder_subject;
DROP INDEX IF EXISTS messages_folder_from;
DROP INDEX IF EXISTS messages_folder_to;
DROP INDEX IF EXISTS messages_folder_cc;
