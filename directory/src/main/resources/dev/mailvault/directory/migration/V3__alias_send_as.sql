-- The addresses an alias may use as its sender on submission besides its own and its account's
-- other aliases (ADR 0203): set by the operator, one row per address. Portable SQL (ADR 0024).

CREATE TABLE alias_send_as (
  alias_id BIGINT NOT NULL REFERENCES aliases (id),
  -- lower-cased local part @ canonical domain: compared as the aliases' lookup key is
  address_canonical VARCHAR(320) NOT NULL,
  -- as given, for display
  address VARCHAR(320) NOT NULL,
  created_at VARCHAR(40) NOT NULL,
  CONSTRAINT alias_send_as_unique UNIQUE (alias_id, address_canonical)
);
