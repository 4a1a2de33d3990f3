-- Vault schema 12: the fencing epoch (docs/adr/0281-fencing.md). One row: the highest epoch of the
-- primaries that opened this vault in a cluster. A writer whose epoch is lower has been superseded
-- and its commit is refused; the single process never writes it (0 stays).
CREATE TABLE IF NOT EXISTS fence (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  epoch INTEGER NOT NULL);
INSERT OR IGNORE INTO fence(id, epoch) VALUES (1, 0);
