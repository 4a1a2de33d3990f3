-- Vault schema 1. See DESIGN.md §4 and docs/adr/0031-vault-content-segments.md.

-- Small counters of the vault itself (e.g. the last UIDVALIDITY handed out).
CREATE TABLE vault_meta (
  key   TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;

-- One row per mailbox. Counters are kept up to date by every write so STATUS never scans.
CREATE TABLE folders (
  id             INTEGER PRIMARY KEY,
  name           TEXT    NOT NULL UNIQUE,
  special_use    TEXT,
  uid_validity   INTEGER NOT NULL,
  uid_next       INTEGER NOT NULL DEFAULT 1,
  highest_modseq INTEGER NOT NULL DEFAULT 1,
  message_count  INTEGER NOT NULL DEFAULT 0,
  unseen_count   INTEGER NOT NULL DEFAULT 0,
  deleted_count  INTEGER NOT NULL DEFAULT 0,
  total_size     INTEGER NOT NULL DEFAULT 0
);

-- Subscriptions are names, not folders: RFC 9051 §6.3.7 lets a name stay subscribed after its
-- folder is gone.
CREATE TABLE subscriptions (
  name TEXT PRIMARY KEY
) WITHOUT ROWID;

-- The raw bytes of one received message; copies share it (refcount = messages using it).
CREATE TABLE contents (
  id       INTEGER PRIMARY KEY,
  size     INTEGER NOT NULL,
  refcount INTEGER NOT NULL
);

-- Large leaf bodies, stored once per vault, keyed by the SHA-256 of their bytes.
CREATE TABLE blobs (
  id       INTEGER PRIMARY KEY,
  sha256   BLOB    NOT NULL UNIQUE,
  size     INTEGER NOT NULL,
  refcount INTEGER NOT NULL
);

CREATE TABLE blob_chunks (
  blob_id INTEGER NOT NULL REFERENCES blobs(id),
  offset  INTEGER NOT NULL,
  length  INTEGER NOT NULL,
  codec   INTEGER NOT NULL,
  data    BLOB    NOT NULL,
  PRIMARY KEY (blob_id, offset)
);

-- A content is a sequence of segments covering [0, size): inline bytes, or a whole blob.
CREATE TABLE segments (
  content_id INTEGER NOT NULL REFERENCES contents(id),
  offset     INTEGER NOT NULL,
  length     INTEGER NOT NULL,
  codec      INTEGER NOT NULL,
  data       BLOB,
  blob_id    INTEGER REFERENCES blobs(id),
  PRIMARY KEY (content_id, offset),
  CHECK ((data IS NULL) <> (blob_id IS NULL))
);
CREATE INDEX segments_blob ON segments(blob_id) WHERE blob_id IS NOT NULL;

CREATE TABLE messages (
  id             INTEGER PRIMARY KEY,
  folder_id      INTEGER NOT NULL REFERENCES folders(id),
  uid            INTEGER NOT NULL,
  modseq         INTEGER NOT NULL,
  internal_date  TEXT    NOT NULL,
  size           INTEGER NOT NULL,
  flags          INTEGER NOT NULL DEFAULT 0,
  keywords       TEXT    NOT NULL DEFAULT '',
  content_id     INTEGER NOT NULL REFERENCES contents(id),
  envelope       TEXT    NOT NULL,
  body           TEXT    NOT NULL,
  body_structure TEXT    NOT NULL,
  mime_tree      BLOB    NOT NULL,
  subject        TEXT    NOT NULL DEFAULT '',
  from_addr      TEXT    NOT NULL DEFAULT '',
  from_name      TEXT    NOT NULL DEFAULT '',
  to_addrs       TEXT    NOT NULL DEFAULT '',
  cc_addrs       TEXT    NOT NULL DEFAULT '',
  sent_date      TEXT,
  message_id     TEXT    NOT NULL DEFAULT '',
  in_reply_to    TEXT    NOT NULL DEFAULT '',
  references_hdr TEXT    NOT NULL DEFAULT '',
  preview        TEXT    NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX messages_folder_uid ON messages(folder_id, uid);
CREATE INDEX messages_folder_modseq ON messages(folder_id, modseq);
CREATE INDEX messages_folder_arrival ON messages(folder_id, internal_date);
CREATE INDEX messages_folder_sent ON messages(folder_id, sent_date);
CREATE INDEX messages_folder_size ON messages(folder_id, size);
CREATE INDEX messages_folder_subject ON messages(folder_id, subject COLLATE NOCASE);
CREATE INDEX messages_folder_from ON messages(folder_id, from_addr COLLATE NOCASE);
CREATE INDEX messages_folder_to ON messages(folder_id, to_addrs COLLATE NOCASE);
CREATE INDEX messages_folder_cc ON messages(folder_id, cc_addrs COLLATE NOCASE);
CREATE INDEX messages_message_id ON messages(message_id);
CREATE INDEX messages_content ON messages(content_id);

-- Every expunged UID with the MODSEQ of its expunge, for QRESYNC VANISHED (RFC 7162 §3.2.10).
CREATE TABLE expunge_log (
  folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
  uid       INTEGER NOT NULL,
  modseq    INTEGER NOT NULL
);
CREATE INDEX expunge_log_folder_modseq ON expunge_log(folder_id, modseq);

-- Spool items already stored, recorded in the transaction that stored them (DESIGN §5).
CREATE TABLE applied_spool (
  spool_id   TEXT PRIMARY KEY,
  applied_at TEXT NOT NULL
) WITHOUT ROWID;
