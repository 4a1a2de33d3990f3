-- The login throttle's counts, shared by every front-end of a cluster (issue 18, ADR 0282).
-- Portable SQL (ADR 0024).
--
-- No login and no client address is stored: a row is named by HMAC-SHA-256 over its kind and key
-- (the canonical login, the client network, or both) under login_throttle_key's key, which every
-- front-end reads from here. Times are epoch milliseconds, so the sweep compares numbers.

CREATE TABLE login_throttle_key (
  id INTEGER NOT NULL,
  hmac_key ${binary} NOT NULL,
  CONSTRAINT login_throttle_key_pk PRIMARY KEY (id)
);

CREATE TABLE login_throttle (
  -- 0 account from network, 1 network, 2 account, 3 familiar network, 4 an alias's submissions in
  -- one hour (LoginThrottleState.Kind)
  kind INTEGER NOT NULL,
  -- HMAC-SHA-256 (32 bytes) of the kind's name and the key
  key_hash ${binary} NOT NULL,
  failures INTEGER NOT NULL,
  last_at BIGINT NOT NULL,
  blocked_until BIGINT,
  -- from when the row counts no more; the sweep deletes rows past it
  expires_at BIGINT NOT NULL,
  -- bumped by every update, so two front-ends' concurrent updates cannot both win
  version BIGINT NOT NULL,
  CONSTRAINT login_throttle_pk PRIMARY KEY (kind, key_hash)
);

CREATE INDEX login_throttle_expires ON login_throttle (expires_at);
