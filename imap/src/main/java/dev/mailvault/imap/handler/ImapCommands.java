package dev.mailvault.imap.handler;

import static dev.mailvault.imap.session.CommandTable.ANY;
import static dev.mailvault.imap.session.CommandTable.AUTHENTICATED;
import static dev.mailvault.imap.session.CommandTable.NOT_AUTHENTICATED;
import static dev.mailvault.imap.session.CommandTable.SELECTED;

import dev.mailvault.imap.codec.ImapCommand;
import dev.mailvault.imap.session.CommandTable;
import dev.mailvault.imap.session.ImapSession;
import dev.mailvault.imap.session.SessionState;
import java.util.List;

/**
 * The rows of the command table: every command Mailvault answers, where it is allowed and what
 * capability it brings. CAPABILITY is computed from here (DESIGN §6).
 */
public final class ImapCommands {

  private ImapCommands() {}

  /** The table for a server whose APPEND limit is {@code appendLimit} bytes. */
  public static CommandTable table(long appendLimit) {
    return CommandTable.builder()
        // RFC 9051 §6.1: any state.
        .command(
            "CAPABILITY", ImapCommand.Capability.class, ANY, List.of(), SessionCommands::capability)
        .command("NOOP", ImapCommand.Noop.class, ANY, List.of(), SessionCommands::noop)
        .command("LOGOUT", ImapCommand.Logout.class, ANY, List.of(), SessionCommands::logout)
        .command("ID", ImapCommand.Id.class, ANY, List.of("ID"), SessionCommands::id)
        // RFC 9051 §6.2: not authenticated.
        .command(
            "STARTTLS",
            ImapCommand.StartTls.class,
            NOT_AUTHENTICATED,
            List.of(),
            LoginCommands::startTls)
        .command(
            "LOGIN", ImapCommand.Login.class, NOT_AUTHENTICATED, List.of(), LoginCommands::login)
        .command(
            "AUTHENTICATE",
            ImapCommand.Authenticate.class,
            NOT_AUTHENTICATED,
            List.of(),
            LoginCommands::authenticateCommand)
        // RFC 9051 §6.3: authenticated.
        .command(
            "ENABLE",
            ImapCommand.Enable.class,
            AUTHENTICATED,
            List.of("ENABLE"),
            SessionCommands::enable)
        .command(
            "NAMESPACE",
            ImapCommand.Namespace.class,
            AUTHENTICATED,
            List.of("NAMESPACE"),
            SessionCommands::namespace)
        .command(
            "SELECT",
            ImapCommand.Select.class,
            AUTHENTICATED,
            List.of("CONDSTORE", "QRESYNC"),
            SelectCommands::select)
        .command(
            "IDLE", ImapCommand.Idle.class, AUTHENTICATED, List.of("IDLE"), SelectCommands::idle)
        .command(
            "NOTIFY",
            ImapCommand.Notify.class,
            AUTHENTICATED,
            List.of("NOTIFY"),
            NotifyCommand::notify)
        .command(
            "UNAUTHENTICATE",
            ImapCommand.Unauthenticate.class,
            AUTHENTICATED,
            List.of("UNAUTHENTICATE"),
            LoginCommands::unauthenticate)
        .command(
            "COMPRESS",
            ImapCommand.Compress.class,
            AUTHENTICATED,
            List.of("COMPRESS=DEFLATE"),
            LoginCommands::compress)
        // RFC 9051 §6.3.4-§6.3.11 and RFC 9208: folders, their status and quota.
        .command(
            "CREATE",
            ImapCommand.Create.class,
            AUTHENTICATED,
            List.of("CREATE-SPECIAL-USE"),
            FolderCommands::create)
        .command(
            "DELETE", ImapCommand.Delete.class, AUTHENTICATED, List.of(), FolderCommands::delete)
        .command(
            "RENAME", ImapCommand.Rename.class, AUTHENTICATED, List.of(), FolderCommands::rename)
        .command(
            "SUBSCRIBE",
            ImapCommand.Subscribe.class,
            AUTHENTICATED,
            List.of(),
            FolderCommands::subscribe)
        .command(
            "UNSUBSCRIBE",
            ImapCommand.Unsubscribe.class,
            AUTHENTICATED,
            List.of(),
            FolderCommands::unsubscribe)
        .command(
            "LIST",
            ImapCommand.ListMailboxes.class,
            AUTHENTICATED,
            List.of("LIST-EXTENDED", "LIST-STATUS", "CHILDREN", "SPECIAL-USE"),
            ListCommands::list)
        .command("LSUB", ImapCommand.Lsub.class, AUTHENTICATED, List.of(), ListCommands::lsub)
        .command(
            "STATUS",
            ImapCommand.Status.class,
            AUTHENTICATED,
            List.of("STATUS=SIZE"),
            StatusCommands::status)
        .command(
            "GETQUOTAROOT",
            ImapCommand.GetQuotaRoot.class,
            AUTHENTICATED,
            List.of("QUOTA", "QUOTA=RES-STORAGE", "QUOTA=RES-MESSAGE"),
            QuotaCommands::getQuotaRoot)
        .command(
            "GETQUOTA",
            ImapCommand.GetQuota.class,
            AUTHENTICATED,
            List.of("QUOTA"),
            QuotaCommands::getQuota)
        // RFC 9051 §6.4: selected.
        .command("CHECK", ImapCommand.Check.class, SELECTED, List.of(), SessionCommands::check)
        .command("CLOSE", ImapCommand.Close.class, SELECTED, List.of(), SelectCommands::close)
        .command(
            "UNSELECT",
            ImapCommand.Unselect.class,
            SELECTED,
            List.of("UNSELECT"),
            SelectCommands::unselect)
        .numberedCommand(
            "FETCH", ImapCommand.Fetch.class, SELECTED, List.of("BINARY"), FetchCommands::fetch)
        .numberedCommand(
            "SEARCH",
            ImapCommand.Search.class,
            SELECTED,
            List.of("ESEARCH", "SEARCHRES", "X-REGEX"),
            SearchCommands::search)
        // RFC 5256, RFC 5957, RFC 5267: SORT, THREAD and the searches kept up to date.
        .numberedCommand(
            "SORT",
            ImapCommand.Sort.class,
            SELECTED,
            List.of("SORT", "SORT=DISPLAY", "ESORT", "CONTEXT=SORT"),
            SortCommands::sort)
        .numberedCommand(
            "THREAD",
            ImapCommand.ThreadCommand.class,
            SELECTED,
            List.of("THREAD=ORDEREDSUBJECT", "THREAD=REFERENCES"),
            SortCommands::thread)
        .command(
            "CANCELUPDATE",
            ImapCommand.CancelUpdate.class,
            SELECTED,
            List.of("CONTEXT=SEARCH"),
            SortCommands::cancelUpdate)
        // Message commands (MessageCommands, AppendCommand).
        .command(
            "APPEND",
            ImapCommand.Append.class,
            AUTHENTICATED,
            List.of("MULTIAPPEND", "CATENATE"),
            AppendCommand::append)
        .numberedCommand(
            "STORE", ImapCommand.Store.class, SELECTED, List.of(), MessageCommands::store)
        .command("COPY", ImapCommand.Copy.class, SELECTED, List.of(), MessageCommands::copy)
        .command("MOVE", ImapCommand.Move.class, SELECTED, List.of("MOVE"), MessageCommands::move)
        .command(
            "EXPUNGE", ImapCommand.Expunge.class, SELECTED, List.of(), MessageCommands::expunge)
        .command(
            "UID EXPUNGE",
            ImapCommand.UidExpunge.class,
            SELECTED,
            List.of("UIDPLUS"),
            MessageCommands::uidExpunge)
        // Capabilities of the codec and of several commands together.
        // RFC 8474 (FETCH EMAILID/THREADID, STATUS and SELECT MAILBOXID, SEARCH EMAILID/THREADID),
        // RFC 8514 (FETCH SAVEDATE, SEARCH SAVED*), RFC 8970 (FETCH PREVIEW).
        .feature("OBJECTID")
        .feature("SAVEDATE")
        .feature("PREVIEW")
        .feature("LITERAL+")
        .feature("SASL-IR")
        .feature("UTF8=ACCEPT")
        .feature("APPENDLIMIT=" + appendLimit)
        .conditional("STARTTLS", ImapCommands::tlsCanStart)
        .conditional(
            "AUTH=PLAIN",
            session -> notAuthenticated(session) && LoginCommands.plaintextAllowed(session))
        .conditional(
            "LOGINDISABLED",
            session -> notAuthenticated(session) && !LoginCommands.plaintextAllowed(session))
        .conditional("COMPRESS=DEFLATE", session -> !session.transport().isCompressed())
        .build();
  }

  private static boolean notAuthenticated(ImapSession session) {
    return session.state() == SessionState.NOT_AUTHENTICATED;
  }

  private static boolean tlsCanStart(ImapSession session) {
    return notAuthenticated(session)
        && !session.transport().isSecure()
        && session.transport().canStartTls();
  }
}
