-- The Sieve scripts of each alias (RFC 5228, managed over RFC 5804; ADR 0249): many per alias by
-- name, at most one active. The text is kept here rather than in the vault because the MX runs the
-- active script while the alias's vault is closed; the directory file is encrypted whole when the
-- server key is set. Portable SQL (ADR 0024).

CREATE TABLE sieve_scripts (
  id ${identity},
  alias_id BIGINT NOT NULL REFERENCES aliases (id),
  -- RFC 5804 §1.6: compared octet by octet, so case-sensitive
  name VARCHAR(512) NOT NULL,
  script TEXT NOT NULL,
  active BOOLEAN NOT NULL,
  created_at VARCHAR(40) NOT NULL,
  updated_at VARCHAR(40) NOT NULL,
  CONSTRAINT sieve_scripts_name_unique UNIQUE (alias_id, name)
);

-- RFC 5804 §2.8: at most one active script per alias; also the MX's look-up at every delivery.
CREATE UNIQUE INDEX sieve_scripts_one_active ON sieve_scripts (alias_id) WHERE active;
