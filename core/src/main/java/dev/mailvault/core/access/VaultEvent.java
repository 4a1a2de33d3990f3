package dev.mailvault.core.access;

import java.util.List;

/** A committed change to a vault, published to {@link VaultListener}s after the commit. */
public sealed interface VaultEvent {

  /** Messages were added to {@code folder} (APPEND, COPY, MOVE, delivery). */
  record MessagesAdded(String folder, long uidValidity, List<Long> uids, long highestModseq)
      implements VaultEvent {
    public MessagesAdded {
      uids = List.copyOf(uids);
    }
  }

  /** Flags of messages in {@code folder} changed. */
  record FlagsChanged(String folder, List<MessageFlags> changes, long highestModseq)
      implements VaultEvent {
    public FlagsChanged {
      changes = List.copyOf(changes);
    }
  }

  /** Messages left {@code folder} (EXPUNGE, MOVE, INBOX rename). */
  record MessagesExpunged(String folder, List<Long> uids, long highestModseq)
      implements VaultEvent {
    public MessagesExpunged {
      uids = List.copyOf(uids);
    }
  }

  record FolderCreated(String folder) implements VaultEvent {}

  record FolderDeleted(String folder) implements VaultEvent {}

  /** {@code name} was subscribed ({@code subscribed}) or unsubscribed (RFC 5465 §5.5). */
  record SubscriptionChanged(String name, boolean subscribed) implements VaultEvent {}

  /** {@code from} and every folder below it now live under {@code to}. */
  record FolderRenamed(String from, String to) implements VaultEvent {}

  /**
   * The whole vault was replaced by a restored backup, or is about to be purged: every folder, UID
   * and UIDVALIDITY may have changed and this vault's handles are closed. Sessions end and their
   * clients resync from a new login (docs/adr/0124-restore-ends-sessions.md).
   */
  record VaultReplaced() implements VaultEvent {}
}
