package dev.mailvault.imap.handler;

import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.SearchPatternException;
import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.access.SearchTooComplexException;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.imap.codec.ImapCommand;
import dev.mailvault.imap.codec.ResponseCode;
import dev.mailvault.imap.codec.SearchKey;
import dev.mailvault.imap.search.BadCharsetException;
import dev.mailvault.imap.search.SearchResponseFormatter;
import dev.mailvault.imap.search.SearchReturn;
import dev.mailvault.imap.search.SearchReturnException;
import dev.mailvault.imap.search.SearchTranslator;
import dev.mailvault.imap.search.SearchView;
import dev.mailvault.imap.session.ImapFailure;
import dev.mailvault.imap.session.ImapSession;
import dev.mailvault.imap.session.SelectedFolder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SEARCH and UID SEARCH (RFC 9051 §6.4.4, RFC 3501 §6.4.4, ESEARCH RFC 4731), with SAVE and {@code
 * $} (SEARCHRES, RFC 5182) and UPDATE and PARTIAL (CONTEXT=SEARCH, RFC 5267 §4).
 */
final class SearchCommands {

  private static final ResponseCode BADCHARSET =
      new ResponseCode("BADCHARSET", BadCharsetException.responseCodeArguments());
  // RFC 5530 §3: LIMIT, the server's own limit on the command.
  private static final ResponseCode LIMIT = ResponseCode.of("LIMIT");
  // RFC 5267 §4.2: the server will not keep this search up to date.
  private static final ResponseCode NOUPDATE = ResponseCode.of("NOUPDATE");

  private SearchCommands() {}

  /**
   * Searches the messages this session knows (new mail is announced after the answer), answering
   * {@code * SEARCH} to rev1 clients without RETURN and {@code * ESEARCH} otherwise.
   */
  static void search(ImapCommand.Search command, ImapSession session) throws MailvaultException {
    SelectedFolder folder = session.selected();
    SearchReturn shape = shape(command.returnOptions(), session);
    SearchView view = view(folder);
    SearchQuery query = translate(command.charset(), command.key(), view, shape, folder);
    long[] uids = run(() -> session.mailbox().search(folder.name(), query), shape, folder);
    long[] known = known(uids, view);
    if (shape.save()) {
      folder.saveResult(saved(shape, known));
    }
    Map<Long, Long> modseqs = null;
    if (mentionsModseq(command.key())) {
      session.enableCondstore(); // RFC 7162 §3.1: SEARCH MODSEQ enables CONDSTORE
      modseqs = modseqs(session, folder, uids);
    }
    byte[] answer =
        SearchResponseFormatter.format(command.tag(), command.uid(), shape, uids, view, modseqs);
    if (answer.length > 0) {
      session.send(answer);
    }
    ResponseCode code = null;
    if (shape.update()
        && !folder.contexts().add(command.tag(), command.uid(), query, null, known)) {
      code = NOUPDATE;
    }
    session.done(command.tag(), code, (command.uid() ? "UID SEARCH" : "SEARCH") + " completed");
  }

  /** The RETURN options; an unknown one is BAD. */
  static SearchReturn shape(List<String> options, ImapSession session) throws ImapFailure {
    try {
      return SearchReturn.of(options, session.rev2());
    } catch (SearchReturnException e) {
      throw ImapFailure.bad(e.getMessage());
    }
  }

  static SearchView view(SelectedFolder folder) {
    return new SearchView(folder.uids(), folder.recentUids());
  }

  static SearchQuery translate(
      String charset, SearchKey key, SearchView view, SearchReturn shape, SelectedFolder folder)
      throws ImapFailure {
    try {
      return new SearchTranslator(view, folder.savedResult()).translate(charset, key);
    } catch (BadCharsetException e) {
      if (shape.save()) {
        folder.saveResult(new long[0]);
      }
      throw ImapFailure.no(BADCHARSET, "Supported charsets: US-ASCII UTF-8");
    }
  }

  /** The store's work of a search, sort or thread. */
  interface StoreCall {
    long[] run() throws MailvaultException;
  }

  /** Runs {@code call}; a query too large is {@code NO [LIMIT]} and empties {@code $} on SAVE. */
  static long[] run(StoreCall call, SearchReturn shape, SelectedFolder folder)
      throws MailvaultException {
    try {
      return call.run();
    } catch (SearchTooComplexException e) {
      if (shape.save()) {
        folder.saveResult(new long[0]);
      }
      throw ImapFailure.no(LIMIT, e.getMessage());
    } catch (SearchPatternException e) {
      // the codec checks patterns already; this answers a caller that did not
      if (shape.save()) {
        folder.saveResult(new long[0]);
      }
      throw ImapFailure.bad(e.getMessage());
    } catch (MailvaultException | RuntimeException e) {
      // RFC 5182 §2.1: a SEARCH with SAVE that fails leaves $ empty.
      if (shape.save()) {
        folder.saveResult(new long[0]);
      }
      throw e;
    }
  }

  /** What SAVE keeps (RFC 5182 §2.4): every match, or only the lowest and highest asked for. */
  static long[] saved(SearchReturn shape, long[] knownAscending) {
    if (!shape.savesOnlyMinMax() || knownAscending.length == 0) {
      return knownAscending;
    }
    long min = knownAscending[0];
    long max = knownAscending[knownAscending.length - 1];
    if (shape.min() && shape.max() && min != max) {
      return new long[] {min, max};
    }
    return new long[] {shape.min() ? min : max};
  }

  /** The matches the session knows (others are announced later), in their order. */
  static long[] known(long[] uids, SearchView view) {
    long[] out = new long[uids.length];
    int n = 0;
    for (long uid : uids) {
      if (view.sequenceOf(uid) > 0) {
        out[n++] = uid;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** Whether the criteria use MODSEQ anywhere (RFC 7162 §3.1.5). */
  static boolean mentionsModseq(SearchKey key) {
    if (key instanceof SearchKey.ModSeq) {
      return true;
    }
    if (key instanceof SearchKey.And and) {
      return and.keys().stream().anyMatch(SearchCommands::mentionsModseq);
    }
    if (key instanceof SearchKey.Or or) {
      return mentionsModseq(or.left()) || mentionsModseq(or.right());
    }
    return key instanceof SearchKey.Not not && mentionsModseq(not.key());
  }

  /** The MODSEQ of each match, read from the narrow index (ADR 0189). */
  private static Map<Long, Long> modseqs(ImapSession session, SelectedFolder folder, long[] uids)
      throws MailvaultException {
    Map<Long, Long> modseqs = new HashMap<>();
    if (uids.length == 0) {
      return modseqs;
    }
    for (MessageMeta meta : session.mailbox().messages(folder.name(), UidSet.of(uids), false)) {
      modseqs.put(meta.uid(), meta.modseq());
    }
    return modseqs;
  }
}
