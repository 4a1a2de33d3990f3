package dev.mailvault.store;

import dev.mailvault.core.access.FolderInfo;

/** One row of the folders table. */
record FolderRow(
    long id,
    String name,
    String specialUse,
    long uidValidity,
    long uidNext,
    long highestModseq,
    long messages,
    long unseen,
    long deleted,
    long size) {

  FolderInfo toInfo(boolean subscribed, boolean hasChildren) {
    return new FolderInfo(
        name,
        specialUse,
        subscribed,
        hasChildren,
        uidValidity,
        uidNext,
        highestModseq,
        messages,
        unseen,
        deleted,
        size);
  }
}
