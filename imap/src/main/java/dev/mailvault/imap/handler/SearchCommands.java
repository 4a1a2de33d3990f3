package dev.mailvault.imap.handler;

import dev.mailvault.core.access.SearchPatternException;
import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.access.SearchTooComplexException;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.imap.codec.ImapCommand;
import dev.mailvault.imap.codec.ResponseCode;
import dev.mailvault.imap.search.BadCharsetException;
import dev.mailvault.imap.search.SearchResponseFormatter;
import dev.mailvault.imap.search.SearchReturn;
import dev.mailvault.imap.search.SearchReturnException;
import dev.mailvault.imap.search.SearchTranslator;
import dev.mailvault.imap.search.SearchView;
import dev.mailvault.imap.session.ImapFailure;
import dev.mailvault.imap.session.ImapSession;
import dev.mailvault.imap.session.SelectedFolder;
import java.util.Set;

/** SEARCH and UID SEARCH (RFC 9051 §6.4.4, RFC 3501 §6.4.4, ESEARCH RFC 4731). */
final class SearchCommands {

  private static final ResponseCode BADCHARSET =
      new ResponseCode("BADCHARSET", BadCharsetException.responseCodeArguments());
  // RFC 5530 §3: LIMIT, the server's own limit on the command.
  private static final ResponseCode LIMIT = ResponseCode.of("LIMIT");

  private SearchCommands() {}

  /**
   * Searches the messages this session knows (new mail is announced after the answer), answering
   * {@code * SEARCH} to rev1 clients without RETURN and {@code * ESEARCH} otherwise.
   */
  static void search(ImapCommand.Search command, ImapSession session) throws MailvaultException {
    SelectedFolder folder = session.selected();
    SearchReturn shape;
    try {
      shape = SearchReturn.of(command.returnOptions(), session.rev2());
    } catch (SearchReturnException e) {
      throw ImapFailure.bad(e.getMessage());
    }
    SearchView view = new SearchView(folder.uids(), recent(folder.recentUids()));
    SearchQuery query;
    try {
      query = new SearchTranslator(view).translate(command.charset(), command.key());
    } catch (BadCharsetException e) {
      throw ImapFailure.no(BADCHARSET, "Supported charsets: US-ASCII UTF-8");
    }
    long[] uids;
    try {
      uids = session.mailbox().search(folder.name(), query);
    } catch (SearchTooComplexException e) {
      throw ImapFailure.no(LIMIT, e.getMessage());
    } catch (SearchPatternException e) {
      // the codec checks patterns already; this answers a caller that did not
      throw ImapFailure.bad(e.getMessage());
    }
    session.send(SearchResponseFormatter.format(command.tag(), command.uid(), shape, uids, view));
    session.done(command.tag(), (command.uid() ? "UID SEARCH" : "SEARCH") + " completed");
  }

  private static long[] recent(Set<Long> recent) {
    return recent.stream().mapToLong(Long::longValue).sorted().toArray();
  }
}
