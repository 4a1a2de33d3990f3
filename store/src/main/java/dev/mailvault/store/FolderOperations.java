package dev.mailvault.store;

import dev.mailvault.core.access.FolderExistsException;
import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.access.FolderOperationRefusedException;
import dev.mailvault.core.access.InvalidFolderNameException;
import dev.mailvault.core.access.VaultEvent;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.sqlite.VaultConnection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Create, rename, delete, subscribe and list folders, each in one transaction. */
final class FolderOperations {

  /** RFC 6154 §2 special-use attributes. */
  private static final Set<String> SPECIAL_USES =
      Set.of("\\All", "\\Archive", "\\Drafts", "\\Flagged", "\\Junk", "\\Sent", "\\Trash");

  private final Transactions transactions;
  private final QuotaLedger quota;

  FolderOperations(Transactions transactions, QuotaLedger quota) {
    this.transactions = transactions;
    this.quota = quota;
  }

  List<FolderInfo> list() throws MailvaultException {
    return transactions.read(
        c -> {
          List<FolderRow> rows = FolderTable.all(c);
          Set<String> subscribed = FolderTable.subscriptions(c);
          Set<String> parents = new HashSet<>();
          for (FolderRow row : rows) {
            parents.addAll(FolderNames.ancestors(row.name()));
          }
          List<FolderInfo> folders = new ArrayList<>();
          for (FolderRow row : rows) {
            folders.add(row.toInfo(subscribed.contains(row.name()), parents.contains(row.name())));
          }
          return folders;
        });
  }

  FolderInfo status(String folder) throws MailvaultException {
    String name = FolderNames.canonical(folder);
    return transactions.read(c -> info(c, FolderTable.require(c, name)));
  }

  FolderInfo create(String folder, String specialUse) throws MailvaultException {
    String name = FolderNames.canonical(folder);
    if (specialUse != null && !SPECIAL_USES.contains(specialUse)) {
      // RFC 6154 §3: the server answers NO [USEATTR] for an attribute it does not know.
      throw new FolderOperationRefusedException("unknown special-use attribute");
    }
    return transactions.write(
        tx -> {
          VaultConnection c = tx.connection();
          if (FolderTable.find(c, name).isPresent()) {
            throw new FolderExistsException(name);
          }
          createAncestors(tx, name);
          FolderTable.insert(c, name, specialUse);
          tx.publish(new VaultEvent.FolderCreated(name));
          return info(c, FolderTable.require(c, name));
        });
  }

  void rename(String from, String to) throws MailvaultException {
    String source = FolderNames.canonical(from);
    String target = FolderNames.canonical(to);
    transactions.write(
        tx -> {
          VaultConnection c = tx.connection();
          FolderRow sourceRow = FolderTable.require(c, source);
          if (FolderTable.find(c, target).isPresent()) {
            throw new FolderExistsException(target);
          }
          if (source.equals(FolderNames.INBOX)) {
            renameInbox(tx, sourceRow, target);
          } else {
            renameTree(tx, source, target);
          }
          return null;
        });
  }

  void delete(String folder) throws MailvaultException {
    String name = FolderNames.canonical(folder);
    transactions.write(
        tx -> {
          VaultConnection c = tx.connection();
          if (name.equals(FolderNames.INBOX)) {
            // RFC 9051 §6.3.5: it is an error to attempt to delete INBOX.
            throw new FolderOperationRefusedException("INBOX cannot be deleted");
          }
          FolderRow row = FolderTable.require(c, name);
          if (FolderTable.hasChildren(c, name)) {
            // RFC 9051 §6.3.5 lets a server refuse to delete a name with inferiors.
            throw new FolderOperationRefusedException(
                "the folder has subfolders; delete them first");
          }
          MessageWrites.removeRows(
              tx,
              transactions.contents(),
              MessageTable.rows(c, row.id(), UidSet.all(), false),
              quota);
          FolderTable.delete(c, row.id());
          tx.publish(new VaultEvent.FolderDeleted(name));
          return null;
        });
  }

  void subscribe(String folder) throws MailvaultException {
    String name = FolderNames.canonical(folder);
    transactions.write(
        tx -> {
          if (FolderTable.subscribe(tx.connection(), name)) {
            tx.publish(new VaultEvent.SubscriptionChanged(name, true));
          }
          return null;
        });
  }

  boolean unsubscribe(String folder) throws MailvaultException {
    String name = FolderNames.canonical(folder);
    return transactions.write(
        tx -> {
          boolean was = FolderTable.unsubscribe(tx.connection(), name);
          if (was) {
            tx.publish(new VaultEvent.SubscriptionChanged(name, false));
          }
          return was;
        });
  }

  List<String> subscriptions() throws MailvaultException {
    return transactions.read(c -> List.copyOf(FolderTable.subscriptions(c)));
  }

  /** RFC 9051 §6.3.6: renaming a name renames its inferiors too; subscriptions follow. */
  private static void renameTree(WriteTx tx, String source, String target)
      throws SQLException, MailvaultException {
    VaultConnection c = tx.connection();
    if (FolderNames.isBelow(target, source)) {
      throw new FolderOperationRefusedException("a folder cannot be moved below itself");
    }
    List<FolderRow> tree = FolderTable.subtree(c, source);
    List<String> newNames = new ArrayList<>();
    for (FolderRow row : tree) {
      String newName = target + row.name().substring(source.length());
      if (FolderTable.find(c, newName).isPresent()) {
        throw new FolderExistsException(newName);
      }
      newNames.add(newName);
    }
    createAncestors(tx, target);
    for (int i = 0; i < tree.size(); i++) {
      FolderTable.rename(c, tree.get(i).id(), newNames.get(i));
    }
    for (String subscribed : FolderTable.subscriptions(c)) {
      if (subscribed.equals(source) || FolderNames.isBelow(subscribed, source)) {
        FolderTable.unsubscribe(c, subscribed);
        FolderTable.subscribe(c, target + subscribed.substring(source.length()));
      }
    }
    tx.publish(new VaultEvent.FolderRenamed(source, target));
  }

  /**
   * RFC 9051 §6.3.6: renaming INBOX moves all its messages to a new folder of the given name and
   * leaves INBOX empty; folders below INBOX are not renamed.
   */
  private static void renameInbox(WriteTx tx, FolderRow inbox, String target)
      throws SQLException, MailvaultException {
    VaultConnection c = tx.connection();
    createAncestors(tx, target);
    FolderTable.insert(c, target, null);
    tx.publish(new VaultEvent.FolderCreated(target));
    FolderRow targetRow = FolderTable.require(c, target);
    List<MessageRow> rows = MessageTable.rows(c, inbox.id(), UidSet.all(), false);
    if (!rows.isEmpty()) {
      MessageWrites.moveRows(tx, inbox, targetRow, rows);
    }
  }

  /**
   * The folder that carries the special-use attribute {@code use}, the first by name when several
   * do; when none does, the folder called {@code name} as it is, or else {@code name} created with
   * {@code use} and subscribed, as the vault's default folders are. Looked up in a read; only a
   * vault without it takes a write, which looks again, so two deliveries at once create it once.
   */
  String specialUse(String use, String name) throws MailvaultException {
    Optional<String> found = transactions.read(c -> withSpecialUse(c, use));
    if (found.isPresent()) {
      return found.get();
    }
    return transactions.write(
        tx -> {
          VaultConnection c = tx.connection();
          Optional<String> meanwhile = withSpecialUse(c, use);
          if (meanwhile.isPresent()) {
            return meanwhile.get();
          }
          if (FolderTable.find(c, name).isEmpty()) {
            // RFC 6154 §2: the attribute tells clients what the folder is for, whatever its name.
            FolderTable.insert(c, name, use);
            FolderTable.subscribe(c, name);
            tx.publish(new VaultEvent.FolderCreated(name));
          }
          return name;
        });
  }

  /**
   * The folder a Sieve {@code fileinto} names, as the vault has it: created with its missing
   * superiors and subscribed when {@code create} says so (RFC 5490 §3.2), so clients that show
   * subscribed folders see where the mail went. Empty when the name is not a valid folder name, or
   * the folder is missing and may not be created: the copy then goes where the message would have.
   */
  Optional<String> forFiling(String folder, boolean create) throws MailvaultException {
    String name;
    try {
      name = FolderNames.canonical(folder);
    } catch (InvalidFolderNameException e) {
      return Optional.empty();
    }
    if (transactions.read(c -> FolderTable.find(c, name)).isPresent()) {
      return Optional.of(name);
    }
    if (!create) {
      return Optional.empty();
    }
    return transactions.write(
        tx -> {
          VaultConnection c = tx.connection();
          if (FolderTable.find(c, name).isEmpty()) {
            ensure(tx, name);
            FolderTable.subscribe(c, name);
          }
          return Optional.of(name);
        });
  }

  private static Optional<String> withSpecialUse(VaultConnection c, String use)
      throws SQLException {
    for (FolderRow row : FolderTable.all(c)) {
      if (use.equals(row.specialUse())) {
        return Optional.of(row.name());
      }
    }
    return Optional.empty();
  }

  /** Creates {@code name} and its missing superiors unless it exists, in the caller's write. */
  static void ensure(WriteTx tx, String name) throws SQLException {
    VaultConnection c = tx.connection();
    if (FolderTable.find(c, name).isEmpty()) {
      createAncestors(tx, name);
      FolderTable.insert(c, name, null);
      tx.publish(new VaultEvent.FolderCreated(name));
    }
  }

  /** RFC 9051 §6.3.4: creating a name creates the superior names it needs. */
  private static void createAncestors(WriteTx tx, String name) throws SQLException {
    VaultConnection c = tx.connection();
    for (String ancestor : FolderNames.ancestors(name)) {
      if (FolderTable.find(c, ancestor).isEmpty()) {
        FolderTable.insert(c, ancestor, null);
        tx.publish(new VaultEvent.FolderCreated(ancestor));
      }
    }
  }

  private static FolderInfo info(VaultConnection c, FolderRow row) throws SQLException {
    return row.toInfo(
        FolderTable.isSubscribed(c, row.name()), FolderTable.hasChildren(c, row.name()));
  }
}
