-- Vault schema 3: no stored preview, and no index that nothing reads yet.
-- The preview (256 characters a message) was about 2.5% of the space of plain-text mail; RFC 8970
-- PREVIEW will derive it from the first text part when a client asks (docs/adr/0035).
-- The sent-date and Message-ID indexes had no reader; each cost one more encrypted page per
-- append. SEARCH SENT*, SORT DATE and THREAD add what they need with their issues (docs/adr/0033).
ALTER TABLE messages DROP COLUMN preview;
DROP INDEX IF EXISTS messages_folder_sent;
DROP INDEX IF EXISTS messages_message_id;
