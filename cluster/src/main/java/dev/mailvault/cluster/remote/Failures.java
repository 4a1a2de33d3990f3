package dev.mailvault.cluster.remote;

import dev.mailvault.cluster.rpc.RpcRemoteException;
import dev.mailvault.cluster.rpc.RpcUnavailableException;
import dev.mailvault.core.access.FolderExistsException;
import dev.mailvault.core.access.FolderNotFoundException;
import dev.mailvault.core.access.FolderOperationRefusedException;
import dev.mailvault.core.access.InvalidFolderNameException;
import dev.mailvault.core.access.MessageNotFoundException;
import dev.mailvault.core.access.SearchPatternException;
import dev.mailvault.core.access.SearchTooComplexException;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mime.InvalidSectionException;
import dev.mailvault.core.quota.OverQuotaException;
import dev.mailvault.store.VaultFencedException;
import dev.mailvault.store.VaultKeyException;
import dev.mailvault.store.VaultNotFoundException;
import dev.mailvault.store.VaultNotOwnedException;

/**
 * Turns what the primary's store threw into a kind on the wire, and the kind back into the
 * exception the local store would have thrown, so that IMAP, POP3 and SMTP answer as they do in one
 * process (docs/adr/0278-remote-storage-contracts.md). A field the protocols read travels in the
 * kind after a colon (the quota scope, a UID); folder names do not cross in a failure.
 */
final class Failures {

  /** The primary does not own the vault (now): look the owner up again. */
  static final String NOT_OWNER = "not-owner";

  /** The handle is not (or no longer) open on the primary: open it again. */
  static final String NO_HANDLE = "no-handle";

  static final String FOLDER_NOT_FOUND = "folder-not-found";
  static final String FOLDER_EXISTS = "folder-exists";
  static final String INVALID_FOLDER_NAME = "invalid-folder-name";
  static final String FOLDER_REFUSED = "folder-refused";
  static final String MESSAGE_NOT_FOUND = "message-not-found";
  static final String OVER_QUOTA = "over-quota";
  static final String SEARCH_TOO_COMPLEX = "search-too-complex";
  static final String SEARCH_PATTERN = "search-pattern";
  static final String INVALID_SECTION = "invalid-section";
  static final String VAULT_KEY = "vault-key";
  static final String VAULT_NOT_FOUND = "vault-not-found";
  static final String BAD_REQUEST = "bad-request";
  static final String UNSUPPORTED = "unsupported";
  static final String UNAVAILABLE = "unavailable";

  private Failures() {}

  /** The refusal a primary answers for {@code failure}. */
  static RpcRemoteException refusal(Throwable failure) {
    if (failure instanceof RpcRemoteException remote) {
      return remote;
    } else if (failure instanceof FolderNotFoundException e) {
      return new RpcRemoteException(FOLDER_NOT_FOUND, e.getMessage());
    } else if (failure instanceof FolderExistsException e) {
      return new RpcRemoteException(FOLDER_EXISTS, e.getMessage());
    } else if (failure instanceof InvalidFolderNameException e) {
      return new RpcRemoteException(INVALID_FOLDER_NAME, e.getMessage());
    } else if (failure instanceof FolderOperationRefusedException e) {
      return new RpcRemoteException(FOLDER_REFUSED, e.getMessage());
    } else if (failure instanceof MessageNotFoundException e) {
      return new RpcRemoteException(MESSAGE_NOT_FOUND + ":" + e.uid(), e.getMessage());
    } else if (failure instanceof OverQuotaException e) {
      return new RpcRemoteException(OVER_QUOTA + ":" + e.scope(), e.getMessage());
    } else if (failure instanceof SearchTooComplexException e) {
      return new RpcRemoteException(SEARCH_TOO_COMPLEX, e.getMessage());
    } else if (failure instanceof SearchPatternException e) {
      return new RpcRemoteException(SEARCH_PATTERN, e.getMessage());
    } else if (failure instanceof InvalidSectionException e) {
      return new RpcRemoteException(INVALID_SECTION, e.getMessage());
    } else if (failure instanceof VaultKeyException) {
      // the message names the vault id, which the caller sent: nothing to add
      return new RpcRemoteException(VAULT_KEY, "the key does not open the vault");
    } else if (failure instanceof VaultNotOwnedException
        || failure instanceof VaultFencedException) {
      // Refused before anything was written (ADR 0281, 0283): the caller looks the owner up again.
      return new RpcRemoteException(NOT_OWNER, "this server does not serve that mailbox now");
    } else if (failure instanceof VaultNotFoundException) {
      return new RpcRemoteException(VAULT_NOT_FOUND, "no such vault");
    } else if (failure instanceof WireFormatException e) {
      return new RpcRemoteException(BAD_REQUEST, e.getMessage());
    } else if (failure instanceof RpcUnavailableException e) {
      return new RpcRemoteException(UNAVAILABLE, e.getMessage());
    } else if (failure instanceof IllegalArgumentException) {
      return new RpcRemoteException(BAD_REQUEST, "the request was refused as malformed");
    } else if (failure instanceof UnsupportedOperationException) {
      return new RpcRemoteException(UNSUPPORTED, "the primary does not offer this");
    }
    return new RpcRemoteException(RpcRemoteException.INTERNAL, "the primary failed the request");
  }

  /**
   * The exception the local store would have thrown for {@code refusal}: checked ones are returned,
   * the unchecked refusals of bad arguments are thrown, as the local store throws them.
   */
  static MailvaultException local(RpcRemoteException refusal) {
    String kind = refusal.kind();
    String field = "";
    int colon = kind.indexOf(':');
    if (colon >= 0) {
      field = kind.substring(colon + 1);
      kind = kind.substring(0, colon);
    }
    String message = refusal.getMessage();
    switch (kind) {
      case FOLDER_NOT_FOUND:
        return new FolderNotFoundException("");
      case FOLDER_EXISTS:
        return new FolderExistsException("");
      case INVALID_FOLDER_NAME:
        return new InvalidFolderNameException(withoutPrefix(message, "invalid folder name: "));
      case FOLDER_REFUSED:
        return new FolderOperationRefusedException(message);
      case MESSAGE_NOT_FOUND:
        return new MessageNotFoundException(parseLong(field));
      case OVER_QUOTA:
        return new OverQuotaException(field, message);
      case SEARCH_TOO_COMPLEX:
        return new SearchTooComplexException(message);
      case SEARCH_PATTERN:
        return new SearchPatternException(message);
      case INVALID_SECTION:
        return new InvalidSectionException(message);
      case VAULT_KEY:
        return new VaultKeyException("");
      case VAULT_NOT_FOUND:
        return new VaultNotFoundException("");
      case BAD_REQUEST:
        throw new IllegalArgumentException(message);
      case UNSUPPORTED:
        throw new UnsupportedOperationException(message);
      case UNAVAILABLE:
      case NOT_OWNER:
      case NO_HANDLE:
        return new RpcUnavailableException(message);
      default:
        return refusal;
    }
  }

  /** The reason an exception's constructor was given, where it prefixes its message. */
  private static String withoutPrefix(String message, String prefix) {
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
