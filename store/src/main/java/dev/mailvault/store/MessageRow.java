package dev.mailvault.store;

/** The columns of a message row that writes need: never the content or the parsed data. */
record MessageRow(long id, long uid, int flagBits, String keywords, long size, long contentId) {

  Flags flags() {
    return Flags.fromStored(flagBits, keywords);
  }

  boolean seen() {
    return (flagBits & SystemFlag.SEEN.bit()) != 0;
  }

  boolean deleted() {
    return (flagBits & SystemFlag.DELETED.bit()) != 0;
  }
}
