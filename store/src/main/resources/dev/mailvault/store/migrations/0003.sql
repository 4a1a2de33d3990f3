-- Vault schema 3: no stored preview. Nothing read it, and at 256 characters a message it cost
-- about 2.5% of the space of plain-text mail. RFC 8970 PREVIEW will derive it from the first
-- text part when a client asks (docs/adr/0035-no-stored-preview.md).
ALTER TABLE messages DROP COLUMN preview;
