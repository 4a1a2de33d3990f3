package dev.mailvault.store;

import dev.mailvault.store.sqlite.VaultConnection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The folders every vault starts with, subscribed, with their RFC 6154 special-use attributes. */
final class DefaultFolders {

  /** Name to special-use attribute (null for INBOX, which needs none). */
  static final Map<String, String> FOLDERS = new LinkedHashMap<>();

  static {
    FOLDERS.put(FolderNames.INBOX, null);
    FOLDERS.put("Drafts", "\\Drafts");
    FOLDERS.put("Sent", "\\Sent");
    FOLDERS.put("Junk", "\\Junk");
    FOLDERS.put("Trash", "\\Trash");
    FOLDERS.put("Archive", "\\Archive");
  }

  private DefaultFolders() {}

  /**
   * Creates the default folders in a vault that has none (a new vault, or one whose creation was
   * cut short), and INBOX if it is missing, since INBOX always exists (RFC 9051 §5.1).
   */
  static void ensure(VaultConnection c) throws SQLException {
    if (FolderTable.all(c).isEmpty()) {
      for (Map.Entry<String, String> folder : FOLDERS.entrySet()) {
        FolderTable.insert(c, folder.getKey(), folder.getValue());
        FolderTable.subscribe(c, folder.getKey());
      }
    } else if (FolderTable.find(c, FolderNames.INBOX).isEmpty()) {
      FolderTable.insert(c, FolderNames.INBOX, null);
    }
  }
}
