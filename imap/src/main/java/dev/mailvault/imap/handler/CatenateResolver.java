package dev.mailvault.imap.handler;

import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.access.FolderNotFoundException;
import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.access.MessageNotFoundException;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.address.InvalidAddressException;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.imap.codec.CatenatePart;
import dev.mailvault.imap.codec.ImapUrl;
import dev.mailvault.imap.codec.ResponseCode;
import dev.mailvault.imap.session.ImapFailure;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the message of an APPEND ... CATENATE (RFC 4469 §5) from its parts: TEXT literals as they
 * are, URLs read from the user's own mailboxes (never another user's, never another server's) as
 * FETCH BODY.PEEK would read them, so no flag changes. A URL that names nothing fails the whole
 * APPEND with {@code NO [BADURL url]}; a result over APPENDLIMIT with {@code NO [TOOBIG]}.
 */
final class CatenateResolver {

  private final MailboxAccess mailbox;
  private final EmailAddress user;
  private final long limit;

  CatenateResolver(MailboxAccess mailbox, EmailAddress user, long limit) {
    this.mailbox = mailbox;
    this.user = user;
    this.limit = limit;
  }

  byte[] resolve(List<CatenatePart> parts) throws MailvaultException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (CatenatePart part : parts) {
      byte[] bytes =
          part instanceof CatenatePart.Text text
              ? text.bytes()
              : read(((CatenatePart.Url) part).url());
      // RFC 4469 §5: a result over the server's limit is NO [TOOBIG], checked as it grows.
      if (out.size() + (long) bytes.length > limit) {
        throw ImapFailure.no(ResponseCode.TOOBIG, "Message larger than APPENDLIMIT");
      }
      out.write(bytes, 0, bytes.length);
    }
    return out.toByteArray();
  }

  private byte[] read(String url) throws MailvaultException {
    ImapUrl parsed;
    try {
      parsed = ImapUrl.parse(url);
    } catch (ImapUrl.BadUrlException e) {
      throw badUrl(url, e.getMessage());
    }
    if (parsed.user() != null && !isSessionUser(parsed.user())) {
      throw badUrl(url, "the URL names another user");
    }
    try {
      FolderInfo folder = mailbox.folder(parsed.mailbox());
      if (parsed.uidValidity() != 0 && parsed.uidValidity() != folder.uidValidity()) {
        throw badUrl(url, "the URL's UIDVALIDITY is not the mailbox's");
      }
      byte[] bytes =
          parsed.section().isEmpty()
              ? mailbox.fetch(folder.name(), parsed.uid())
              : mailbox.fetchSection(folder.name(), parsed.uid(), parsed.section());
      return parsed.partialOffset() < 0
          ? bytes
          : slice(bytes, parsed.partialOffset(), parsed.partialLength());
    } catch (FolderNotFoundException | MessageNotFoundException e) {
      throw badUrl(url, "the URL names no message");
    }
  }

  private boolean isSessionUser(String named) {
    try {
      return EmailAddress.parse(named).canonical().equals(user.canonical());
    } catch (InvalidAddressException e) {
      return false;
    }
  }

  /** RFC 5092 §5 partial-range: from {@code offset}, {@code length} octets or to the end (-1). */
  private static byte[] slice(byte[] bytes, long offset, long length) {
    if (offset >= bytes.length) {
      return new byte[0];
    }
    long end = length < 0 ? bytes.length : Math.min(bytes.length, offset + length);
    return Arrays.copyOfRange(bytes, (int) offset, (int) end);
  }

  /** RFC 4469 §6: {@code BADURL} names the URL; a URL is ASCII and may not hold {@code ]}. */
  private static ImapFailure badUrl(String url, String reason) {
    String shown = url.replace("]", "%5D");
    return ImapFailure.no(new ResponseCode("BADURL", shown), "Bad URL: " + reason);
  }
}
