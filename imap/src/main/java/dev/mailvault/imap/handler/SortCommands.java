package dev.mailvault.imap.handler;

import dev.mailvault.core.access.MessageThread;
import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.imap.codec.ImapCommand;
import dev.mailvault.imap.codec.ResponseCode;
import dev.mailvault.imap.codec.ResponseWriter;
import dev.mailvault.imap.search.SearchResponseFormatter;
import dev.mailvault.imap.search.SearchReturn;
import dev.mailvault.imap.search.SearchView;
import dev.mailvault.imap.session.ImapSession;
import dev.mailvault.imap.session.SelectedFolder;
import java.util.Arrays;
import java.util.List;

/**
 * SORT and THREAD with their UID forms (RFC 5256; SORT=DISPLAY RFC 5957; ESORT and CONTEXT=SORT RFC
 * 5267), and CANCELUPDATE (RFC 5267 §4.2). The store orders and threads by keys it computed when
 * each message arrived; this side turns the answer into the session's numbers.
 */
final class SortCommands {

  private static final ResponseCode NOUPDATE = ResponseCode.of("NOUPDATE");

  private SortCommands() {}

  static void sort(ImapCommand.Sort command, ImapSession session) throws MailvaultException {
    SelectedFolder folder = session.selected();
    // RFC 5267 §3: RETURN makes the answer an ESEARCH (ESORT); without it, * SORT.
    SearchReturn shape =
        command.returnOptions() == null
            ? new SearchReturn(false, false, false, false, true, false, false, 0, 0)
            : SearchCommands.shape(command.returnOptions(), session);
    SearchView view = SearchCommands.view(folder);
    SearchQuery query =
        SearchCommands.translate(command.charset(), command.key(), view, shape, folder);
    long[] sorted =
        SearchCommands.run(
            () -> session.mailbox().sort(folder.name(), command.criteria(), query), shape, folder);
    long[] known = SearchCommands.known(sorted, view);
    if (shape.save()) {
      // RFC 5182 §2.4 with RFC 5267 §3: $ is a set of messages; the order is not kept.
      long[] ascending = known.clone();
      Arrays.sort(ascending);
      if (shape.savesOnlyMinMax() && known.length > 0) {
        long first = known[0];
        long last = known[known.length - 1];
        ascending =
            shape.min() && shape.max() && first != last
                ? new long[] {Math.min(first, last), Math.max(first, last)}
                : new long[] {shape.min() ? first : last};
      }
      folder.saveResult(ascending);
    }
    byte[] answer =
        SearchResponseFormatter.formatSorted(command.tag(), command.uid(), shape, sorted, view);
    if (answer.length > 0) {
      session.send(answer);
    }
    ResponseCode code = null;
    if (shape.update()
        && !folder.contexts().add(command.tag(), command.uid(), query, command.criteria(), known)) {
      code = NOUPDATE;
    }
    session.done(command.tag(), code, (command.uid() ? "UID SORT" : "SORT") + " completed");
  }

  /** RFC 5256 §4: {@code * THREAD (2)(3 6 (4 23)(44 7 96))}, numbers the session knows. */
  static void thread(ImapCommand.ThreadCommand command, ImapSession session)
      throws MailvaultException {
    SelectedFolder folder = session.selected();
    SearchReturn shape = new SearchReturn(false, false, false, false, true, false, false, 0, 0);
    SearchView view = SearchCommands.view(folder);
    SearchQuery query =
        SearchCommands.translate(command.charset(), command.key(), view, shape, folder);
    if (view.exists() == 0) {
      session.send(session.writer().untagged().atom("THREAD").crlf());
      session.done(command.tag(), (command.uid() ? "UID THREAD" : "THREAD") + " completed");
      return;
    }
    // Messages the client has not been told of yet take no part.
    SearchQuery known =
        new SearchQuery.And(
            List.of(
                query,
                new SearchQuery.Uids(new UidSet(List.of(new UidSet.Range(1, view.largestUid()))))));
    List<MessageThread> threads =
        session.mailbox().thread(folder.name(), command.algorithm(), known);
    ResponseWriter line = session.writer().untagged().atom("THREAD");
    StringBuilder text = new StringBuilder();
    for (MessageThread thread : threads) {
      text.append('(');
      ThreadWriter.write(text, thread, command.uid(), view);
      text.append(')');
    }
    if (text.length() > 0) {
      line.sp().atom(text.toString());
    }
    session.send(line.crlf());
    session.done(command.tag(), (command.uid() ? "UID THREAD" : "THREAD") + " completed");
  }

  /** RFC 5267 §4.2: the named searches stop being kept up to date. */
  static void cancelUpdate(ImapCommand.CancelUpdate command, ImapSession session)
      throws MailvaultException {
    session.selected().contexts().cancel(command.tags());
    session.done(command.tag(), "CANCELUPDATE completed");
  }
}
