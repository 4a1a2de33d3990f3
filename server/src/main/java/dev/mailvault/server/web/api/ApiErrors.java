package dev.mailvault.server.web.api;

import dev.mailvault.cluster.rpc.RpcUnavailableException;
import dev.mailvault.core.address.InvalidAddressException;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.AliasExistsException;
import dev.mailvault.directory.AuthenticationFailedException;
import dev.mailvault.directory.DomainExistsException;
import dev.mailvault.directory.DomainNotEmptyException;
import dev.mailvault.directory.InvalidForwardTargetException;
import dev.mailvault.directory.UnknownAliasException;
import dev.mailvault.directory.UnknownDomainException;
import dev.mailvault.directory.WeakPasswordException;
import dev.mailvault.server.app.AdminTokens;
import dev.mailvault.server.app.NoBackupException;
import dev.mailvault.server.app.PasswordRequiredException;
import dev.mailvault.server.app.UnknownQueueItemException;
import dev.mailvault.server.app.WrongPasswordException;
import dev.mailvault.server.web.WebException;
import dev.mailvault.store.backup.BackupFormatException;
import dev.mailvault.store.backup.BackupStorageException;

/**
 * The API's fixed set of error codes (ADR 0260), each with one HTTP status, and the mapping of our
 * exceptions onto them. The OpenAPI document lists the same set.
 */
final class ApiErrors {

  static final String BAD_REQUEST = "bad_request";
  static final String UNAUTHORIZED = "unauthorized";
  static final String FORBIDDEN = "forbidden";
  static final String WRONG_PASSWORD = "wrong_password";
  static final String NOT_FOUND = "not_found";
  static final String CONFLICT = "conflict";
  static final String NOT_READY = "not_ready";
  static final String WEAK_PASSWORD = "weak_password";
  static final String PASSWORD_REQUIRED = "password_required";
  static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
  static final String STORAGE = "storage";

  private ApiErrors() {}

  /** The answer to a failed operation; the message is the exception's one line. */
  static WebException map(MailvaultException e) {
    String message = e.getMessage() == null ? "failed" : e.getMessage();
    if (e instanceof RpcUnavailableException) {
      return WebException.unavailable();
    }
    if (e instanceof UnknownAliasException
        || e instanceof UnknownDomainException
        || e instanceof UnknownQueueItemException
        || e instanceof NoBackupException
        || e instanceof AdminTokens.UnknownTokenException) {
      return new WebException(404, NOT_FOUND, message);
    }
    if (e instanceof AliasExistsException
        || e instanceof DomainExistsException
        || e instanceof DomainNotEmptyException) {
      return new WebException(409, CONFLICT, message);
    }
    if (e instanceof WeakPasswordException) {
      return new WebException(422, WEAK_PASSWORD, message);
    }
    if (e instanceof PasswordRequiredException) {
      return new WebException(422, PASSWORD_REQUIRED, message);
    }
    if (e instanceof WrongPasswordException || e instanceof AuthenticationFailedException) {
      return new WebException(403, WRONG_PASSWORD, "wrong password (or the alias is disabled)");
    }
    if (e instanceof BackupStorageException || e instanceof BackupFormatException) {
      return new WebException(502, STORAGE, message);
    }
    if (e instanceof InvalidAddressException || e instanceof InvalidForwardTargetException) {
      return new WebException(400, BAD_REQUEST, message);
    }
    // Every other refusal of ours is a one-line message about the request.
    return new WebException(400, BAD_REQUEST, message);
  }
}
