package dev.mailvault.store;

import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;

/** The columns of a message row that writes need: never the content or the parsed data. */
record MessageRow(long id, long uid, int flagBits, String keywords, long size, long contentId) {

  Flags flags() {
    return StoredFlags.fromStored(flagBits, keywords);
  }

  boolean seen() {
    return (flagBits & StoredFlags.bit(SystemFlag.SEEN)) != 0;
  }

  boolean deleted() {
    return (flagBits & StoredFlags.bit(SystemFlag.DELETED)) != 0;
  }
}
