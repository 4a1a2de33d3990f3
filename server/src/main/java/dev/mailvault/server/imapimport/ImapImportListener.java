package dev.mailvault.server.imapimport;

/**
 * Hears how an IMAP import advances; the CLI shows it as progress. Called on the importing thread,
 * after the messages counted are committed to the vault (or found there).
 */
public interface ImapImportListener {

  ImapImportListener NONE =
      new ImapImportListener() {
        @Override
        public void planned(long messages, long bytes) {}

        @Override
        public void done(long messages, long bytes) {}
      };

  /** Every folder is listed: this many messages and bytes are to be downloaded. */
  void planned(long messages, long bytes);

  /** This many more messages and bytes are done (stored, or found already in the vault). */
  void done(long messages, long bytes);
}
