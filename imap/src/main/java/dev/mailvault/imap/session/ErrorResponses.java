package dev.mailvault.imap.session;

import dev.mailvault.core.access.FolderExistsException;
import dev.mailvault.core.access.FolderNotFoundException;
import dev.mailvault.core.access.FolderOperationRefusedException;
import dev.mailvault.core.access.InvalidFolderNameException;
import dev.mailvault.core.access.MessageNotFoundException;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.quota.OverQuotaException;
import dev.mailvault.imap.codec.ImapResponse.Condition;
import dev.mailvault.imap.codec.ParseException;
import dev.mailvault.imap.codec.ResponseCode;
import dev.mailvault.imap.fetch.UnknownTransferEncodingException;

/**
 * Turns a handler's failure into the tagged answer RFC 9051 §7.1 asks for: a client error is BAD, a
 * refused operation NO with the response code that says why. The text is the exception's own
 * one-line message, which never carries secrets or message content.
 */
public final class ErrorResponses {

  /** The answer for a failure: condition, code (or null) and text. */
  public record Answer(Condition condition, ResponseCode code, String text) {}

  private static final ResponseCode SERVERBUG = ResponseCode.of("SERVERBUG");
  private static final ResponseCode UNAVAILABLE = ResponseCode.of("UNAVAILABLE");
  private static final ResponseCode EXPUNGEISSUED = ResponseCode.of("EXPUNGEISSUED");

  private ErrorResponses() {}

  /**
   * @param tryCreate whether a missing folder should say TRYCREATE (APPEND, COPY, MOVE: RFC 9051
   *     §6.3.12, §6.4.7) rather than NONEXISTENT
   */
  public static Answer of(MailvaultException failure, boolean tryCreate) {
    if (failure instanceof ParseException) {
      return new Answer(Condition.BAD, null, failure.getMessage());
    } else if (failure instanceof FolderNotFoundException) {
      return new Answer(
          Condition.NO,
          tryCreate ? ResponseCode.TRYCREATE : ResponseCode.NONEXISTENT,
          "No such mailbox");
    } else if (failure instanceof FolderExistsException) {
      return new Answer(Condition.NO, ResponseCode.ALREADYEXISTS, "Mailbox already exists");
    } else if (failure instanceof OverQuotaException) {
      return new Answer(Condition.NO, ResponseCode.OVERQUOTA, failure.getMessage());
    } else if (failure instanceof InvalidFolderNameException
        || failure instanceof FolderOperationRefusedException) {
      return new Answer(Condition.NO, ResponseCode.CANNOT, failure.getMessage());
    } else if (failure instanceof MessageNotFoundException) {
      // Sessions only address messages their view holds: one that is gone was expunged by another
      // session since (RFC 5530 §3); the client hears of it at its next NOOP.
      return new Answer(
          Condition.NO, EXPUNGEISSUED, "Some of the requested messages no longer exist");
    } else if (failure instanceof UnknownTransferEncodingException) {
      // RFC 3516 §4.3
      return new Answer(Condition.NO, ResponseCode.UNKNOWN_CTE, failure.getMessage());
    } else if (failure instanceof ImapFailure refusal) {
      return new Answer(refusal.condition(), refusal.code(), refusal.getMessage());
    }
    return new Answer(Condition.NO, UNAVAILABLE, "The mailbox cannot do that now");
  }

  /** A fault of ours: the client hears only that it was one. */
  public static Answer serverBug() {
    return new Answer(Condition.NO, SERVERBUG, "Internal error, the command was not carried out");
  }
}
