-- Cluster placement (issue 18, docs/adr/0280-placement-and-leases.md). Portable SQL (ADR 0024).
--
-- Times here are milliseconds since the epoch by the DATABASE's clock (PostgreSQL's
-- clock_timestamp(); the embedded directory's clock in SQLite), never a primary's own clock.

-- One row: the cluster's fencing epoch counter. Every join, assignment, takeover and move takes
-- the next value, so a newer claim always carries a higher epoch than any before it.
CREATE TABLE cluster_epoch (
  id INTEGER NOT NULL,
  epoch BIGINT NOT NULL,
  CONSTRAINT cluster_epoch_pk PRIMARY KEY (id)
);

INSERT INTO cluster_epoch (id, epoch) VALUES (1, 0);

-- Storage primaries: the lease of the current incarnation (epoch) and when it lapses.
CREATE TABLE cluster_primaries (
  name VARCHAR(253) NOT NULL,
  rpc_address VARCHAR(300) NOT NULL,
  epoch BIGINT NOT NULL,
  lease_ms BIGINT NOT NULL,
  expires_at_ms BIGINT NOT NULL,
  CONSTRAINT cluster_primaries_pk PRIMARY KEY (name)
);

-- Which primary owns which vault, at which epoch. The owner holds the vault while its lease is live
-- and the assignment is newer than its incarnation (vault epoch > primary epoch): a primary that
-- lapsed and rejoined does not hold what it held before without a new assignment.
CREATE TABLE vault_owners (
  vault_id VARCHAR(128) NOT NULL,
  primary_name VARCHAR(253) NOT NULL,
  epoch BIGINT NOT NULL,
  CONSTRAINT vault_owners_pk PRIMARY KEY (vault_id)
);

CREATE INDEX vault_owners_primary ON vault_owners (primary_name, epoch);
