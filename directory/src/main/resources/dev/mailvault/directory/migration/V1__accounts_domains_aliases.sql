-- Portable SQL for SQLite and PostgreSQL (ADR 0024). Two vendor differences are placeholders:
-- ${identity} (an auto-increment primary key) and ${binary} (BLOB / BYTEA). Timestamps are
-- ISO-8601 UTC strings; booleans are BOOLEAN (0/1 in SQLite). Quota limits are NULL when unlimited.

CREATE TABLE accounts (
  id ${identity},
  name VARCHAR(64) NOT NULL,
  quota_bytes BIGINT,
  quota_messages BIGINT,
  used_bytes BIGINT NOT NULL,
  used_messages BIGINT NOT NULL,
  created_at VARCHAR(40) NOT NULL,
  CONSTRAINT accounts_name_unique UNIQUE (name)
);

CREATE TABLE domains (
  id ${identity},
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  -- canonical form: lower-case, A-labels (ADR 0022)
  name VARCHAR(255) NOT NULL,
  quota_bytes BIGINT,
  quota_messages BIGINT,
  used_bytes BIGINT NOT NULL,
  used_messages BIGINT NOT NULL,
  created_at VARCHAR(40) NOT NULL,
  CONSTRAINT domains_name_unique UNIQUE (name)
);

CREATE INDEX domains_account ON domains (account_id);

CREATE TABLE aliases (
  id ${identity},
  domain_id BIGINT NOT NULL REFERENCES domains (id),
  -- as given, for display
  local_part VARCHAR(64) NOT NULL,
  -- lower-cased local part @ canonical domain: the lookup key
  address_canonical VARCHAR(320) NOT NULL,
  vault_id VARCHAR(32) NOT NULL,
  -- bumped by every password change or reset, so concurrent ones cannot both win
  key_generation BIGINT NOT NULL,
  kdf_params VARCHAR(64) NOT NULL,
  kdf_salt ${binary} NOT NULL,
  -- vault data key, ChaCha20-Poly1305 under Argon2id(password, kdf_salt, kdf_params)
  wrapped_data_key ${binary} NOT NULL,
  spool_public_key ${binary} NOT NULL,
  -- spool private key, ChaCha20-Poly1305 under the vault data key
  wrapped_spool_private_key ${binary} NOT NULL,
  enabled BOOLEAN NOT NULL,
  quota_bytes BIGINT,
  quota_messages BIGINT,
  used_bytes BIGINT NOT NULL,
  used_messages BIGINT NOT NULL,
  created_at VARCHAR(40) NOT NULL,
  updated_at VARCHAR(40) NOT NULL,
  CONSTRAINT aliases_address_unique UNIQUE (address_canonical),
  CONSTRAINT aliases_vault_unique UNIQUE (vault_id)
);

CREATE INDEX aliases_domain ON aliases (domain_id);
