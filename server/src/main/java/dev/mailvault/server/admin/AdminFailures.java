package dev.mailvault.server.admin;

import dev.mailvault.cluster.rpc.RpcUnavailableException;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.AuthenticationFailedException;
import dev.mailvault.directory.UnknownAliasException;
import dev.mailvault.directory.UnknownDomainException;
import dev.mailvault.server.app.NoBackupException;
import dev.mailvault.server.app.PasswordRequiredException;
import dev.mailvault.server.app.UnknownQueueItemException;
import dev.mailvault.server.app.WrongPasswordException;
import dev.mailvault.store.backup.BackupFormatException;
import dev.mailvault.store.backup.BackupStorageException;

/**
 * The codes an admin answer carries for the application's refusals, and the refusal back from a
 * code, so a front-end's web features answer a primary's refusal as the node with every role does
 * (a wrong password is 403, an unknown queue item 404; ADR 0286).
 */
public final class AdminFailures {

  static final String WRONG_PASSWORD = "wrong-password";
  static final String UNKNOWN_ALIAS = "unknown-alias";
  static final String UNKNOWN_DOMAIN = "unknown-domain";
  static final String NO_BACKUP = "no-backup";
  static final String UNKNOWN_QUEUE_ITEM = "unknown-queue-item";
  static final String BACKUP_STORAGE = "backup-storage";
  static final String UNAVAILABLE = "unavailable";

  private AdminFailures() {}

  /** The code of {@code e}, or null for a refusal known by its message only. */
  static String code(MailvaultException e) {
    if (e instanceof PasswordRequiredException) {
      return AdminException.PASSWORD_REQUIRED;
    } else if (e instanceof WrongPasswordException || e instanceof AuthenticationFailedException) {
      return WRONG_PASSWORD;
    } else if (e instanceof UnknownAliasException) {
      return UNKNOWN_ALIAS;
    } else if (e instanceof UnknownDomainException) {
      return UNKNOWN_DOMAIN;
    } else if (e instanceof NoBackupException) {
      return NO_BACKUP;
    } else if (e instanceof UnknownQueueItemException) {
      return UNKNOWN_QUEUE_ITEM;
    } else if (e instanceof BackupFormatException || e instanceof BackupStorageException) {
      return BACKUP_STORAGE;
    } else if (e instanceof RpcUnavailableException) {
      return UNAVAILABLE;
    }
    return null;
  }

  /** The refusal the node that answered had thrown, as far as its code tells it. */
  public static MailvaultException local(AdminException e) {
    String message = e.getMessage();
    return switch (e.code()) {
      case AdminException.PASSWORD_REQUIRED -> new PasswordRequiredException(message);
      case WRONG_PASSWORD -> new WrongPasswordException();
      case UNKNOWN_ALIAS -> new UnknownAliasException(message);
      case UNKNOWN_DOMAIN -> new UnknownDomainException(message);
      case NO_BACKUP -> new NoBackupException(message);
      case UNKNOWN_QUEUE_ITEM -> UnknownQueueItemException.fromMessage(message);
      // The storage's failure has no cause here any more; its kind and message are what count.
      case BACKUP_STORAGE -> new BackupFormatException(message);
      case UNAVAILABLE -> new RpcUnavailableException(message);
      default -> e;
    };
  }
}
