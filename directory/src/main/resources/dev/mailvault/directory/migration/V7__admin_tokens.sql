-- Admin API tokens (ADR 0261): only the SHA-256 of each token is kept; the token itself is shown
-- once when it is created. A revoked token stays listed (with revoked_at) so the log of who had
-- access survives. Portable SQL (ADR 0024).

CREATE TABLE admin_tokens (
  id ${identity},
  name VARCHAR(64) NOT NULL,
  -- SHA-256 of the whole token string, 32 bytes
  token_hash ${binary} NOT NULL,
  -- 'read' or 'admin'
  scopes VARCHAR(64) NOT NULL,
  created_at VARCHAR(40) NOT NULL,
  last_used_at VARCHAR(40),
  revoked_at VARCHAR(40),
  CONSTRAINT admin_tokens_hash_unique UNIQUE (token_hash)
);
