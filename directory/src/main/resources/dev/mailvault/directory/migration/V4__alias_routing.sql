-- Routing per alias (issue 15, ADR 0240, 0243): a delivery mode and forward targets per alias, a
-- webhook secret per alias, a catch-all and a domain-wide forward per domain, and the webhooks'
-- delivery log (no message content). Portable SQL (ADR 0024).

-- store (the vault, as before), forward (only the targets) or both
ALTER TABLE aliases ADD COLUMN delivery_mode VARCHAR(8) DEFAULT 'store' NOT NULL;

-- HMAC-SHA256 key of the alias's webhooks: 32 random bytes, made with the first URL target
ALTER TABLE aliases ADD COLUMN webhook_secret ${binary};

CREATE TABLE alias_forwards (
  -- random, so a webhook recipient in the queue names the target without naming the alias
  id VARCHAR(32) NOT NULL PRIMARY KEY,
  alias_id BIGINT NOT NULL REFERENCES aliases (id),
  -- an address (local@domain) or an https:// URL (a webhook)
  target VARCHAR(2048) NOT NULL,
  created_at VARCHAR(40) NOT NULL,
  CONSTRAINT alias_forwards_unique UNIQUE (alias_id, target)
);

CREATE INDEX alias_forwards_alias ON alias_forwards (alias_id);

-- the alias that gets mail for unknown local parts of the domain
ALTER TABLE domains ADD COLUMN catch_all_alias_id BIGINT;

-- canonical name of the domain that every local part of this one is forwarded to
ALTER TABLE domains ADD COLUMN forward_domain VARCHAR(255);

CREATE TABLE webhook_deliveries (
  id ${identity},
  alias_id BIGINT NOT NULL REFERENCES aliases (id),
  queue_id VARCHAR(64) NOT NULL,
  target_id VARCHAR(32) NOT NULL,
  attempted_at VARCHAR(40) NOT NULL,
  -- the receiver's HTTP status, when it answered
  http_status INTEGER,
  -- why there was no status (timeout, refused, tls, ...), when it did not
  error_kind VARCHAR(32),
  -- delivered, retry or failed
  outcome VARCHAR(16) NOT NULL
);

CREATE INDEX webhook_deliveries_alias ON webhook_deliveries (alias_id, id);
