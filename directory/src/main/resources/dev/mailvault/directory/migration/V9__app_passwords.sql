-- App-specific passwords and the alias's own two-factor secret (issue 17, ADR 0266, 0267).
-- Portable SQL (ADR 0024).
--
-- An app password is a server-generated random secret (100 bits) that unwraps the alias's data key
-- like its main password does: each row holds its own wrap of the data key, so revoking one deletes
-- the row and nothing else changes. The app password itself is never stored. A password change
-- keeps the rows (they wrap the data key, not the password); a reset (a new data key) deletes them.

CREATE TABLE alias_app_passwords (
  -- random, 16 hex digits: how the owner names one to revoke it
  id VARCHAR(32) NOT NULL,
  alias_id BIGINT NOT NULL REFERENCES aliases (id),
  label VARCHAR(64) NOT NULL,
  -- the key derivation and its parameters, e.g. hmac-sha256 (ADR 0266)
  kdf VARCHAR(64) NOT NULL,
  kdf_salt ${binary} NOT NULL,
  -- the data key, AEAD-wrapped under the derived key; associated data names the vault and this id
  wrapped_data_key ${binary} NOT NULL,
  created_at VARCHAR(40) NOT NULL,
  last_used_at VARCHAR(40),
  CONSTRAINT alias_app_passwords_pk PRIMARY KEY (id)
);

CREATE INDEX alias_app_passwords_alias ON alias_app_passwords (alias_id);

-- The alias's TOTP secret (RFC 6238), sealed under its data key: only a login with the password
-- can read it. last_step is the latest time step accepted, so a code is used at most once.
CREATE TABLE alias_totp (
  alias_id BIGINT NOT NULL REFERENCES aliases (id),
  sealed_secret ${binary} NOT NULL,
  last_step BIGINT NOT NULL,
  created_at VARCHAR(40) NOT NULL,
  CONSTRAINT alias_totp_unique UNIQUE (alias_id)
);
