-- The domains' DKIM keys (ADR 0207). The directory stores the private key as the server sealed it
-- and never opens it: the sealing key derives from the node's outbound secret, not from anything
-- the directory holds.

CREATE TABLE dkim_keys (
  id ${identity},
  domain_id BIGINT NOT NULL REFERENCES domains (id),
  -- the DNS label under _domainkey (RFC 6376 §3.1)
  selector VARCHAR(63) NOT NULL,
  -- the key record's k= value: rsa or ed25519
  algorithm VARCHAR(16) NOT NULL,
  -- SubjectPublicKeyInfo (DER)
  public_key ${binary} NOT NULL,
  -- PKCS#8, ChaCha20-Poly1305 under the node's DKIM key, bound to domain and selector
  sealed_private_key ${binary} NOT NULL,
  -- active (signs and is published) or retired (only published, until it is forgotten)
  state VARCHAR(8) NOT NULL,
  created_at VARCHAR(40) NOT NULL,
  retired_at VARCHAR(40),
  CONSTRAINT dkim_keys_selector_unique UNIQUE (domain_id, selector)
);
