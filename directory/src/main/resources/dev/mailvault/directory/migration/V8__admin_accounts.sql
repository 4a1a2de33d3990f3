-- The web console's administrators (issue 17, ADR 0263): a name, an Argon2id hash of the password
-- (salt and parameters beside it, as aliases keep theirs), the TOTP secret sealed by the server
-- under a key derived from the node's outbound secret (the directory cannot open it), the last
-- accepted TOTP step (RFC 6238 §5.2: a code is accepted once), and recovery codes, stored as keyed
-- digests and deleted when used. Portable SQL (ADR 0024).

CREATE TABLE admin_accounts (
  id ${identity},
  -- lower-case: letters, digits, '.', '_', '-'
  name VARCHAR(64) NOT NULL,
  password_params VARCHAR(64) NOT NULL,
  password_salt ${binary} NOT NULL,
  password_hash ${binary} NOT NULL,
  -- NULL until two-factor enrolment is confirmed
  totp_sealed ${binary},
  totp_last_step BIGINT NOT NULL,
  enrolled BOOLEAN NOT NULL,
  created_at VARCHAR(40) NOT NULL,
  CONSTRAINT admin_accounts_name_unique UNIQUE (name)
);

CREATE TABLE admin_recovery_codes (
  id ${identity},
  admin_id BIGINT NOT NULL REFERENCES admin_accounts (id),
  code_digest ${binary} NOT NULL,
  CONSTRAINT admin_recovery_codes_unique UNIQUE (admin_id, code_digest)
);
