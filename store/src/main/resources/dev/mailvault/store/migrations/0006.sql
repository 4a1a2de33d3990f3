-- Vault schema 6: messages brought in by an import (files or another IMAP server), keyed by a
-- digest the source computes. The key is recorded in the transaction that stores the message, so
-- re-running an import adds nothing and an interrupted one resumes where it stopped, each message
-- exactly once (docs/adr/0135-import-keys-in-the-vault.md). folder and uid say what it became.
CREATE TABLE imported (
  import_key  BLOB    PRIMARY KEY,
  folder      TEXT    NOT NULL,
  uid         INTEGER NOT NULL,
  imported_at TEXT    NOT NULL
) WITHOUT ROWID;
