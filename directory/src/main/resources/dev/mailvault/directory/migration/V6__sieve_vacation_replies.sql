-- The memory behind Sieve's vacation (RFC 5230 §4.2, ADR 0253): a reply to one sender under one
-- handle goes out at most once per :days. The MX decides while the alias's vault is closed, so the
-- memory lives here. A row names the sender only as a SHA-256 digest of (alias, sender, handle).
-- Portable SQL (ADR 0024).

CREATE TABLE sieve_vacation_replies (
  alias_id BIGINT NOT NULL REFERENCES aliases (id),
  reply_key ${binary} NOT NULL,
  -- seconds since the epoch: until then no other reply under this key
  quiet_until BIGINT NOT NULL,
  CONSTRAINT sieve_vacation_replies_unique UNIQUE (alias_id, reply_key)
);
