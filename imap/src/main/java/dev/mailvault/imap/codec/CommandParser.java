package dev.mailvault.imap.codec;

import dev.mailvault.core.mail.Flags;
import dev.mailvault.imap.codec.ImapCommand.Authenticate;
import dev.mailvault.imap.codec.ImapCommand.Capability;
import dev.mailvault.imap.codec.ImapCommand.Check;
import dev.mailvault.imap.codec.ImapCommand.Close;
import dev.mailvault.imap.codec.ImapCommand.Compress;
import dev.mailvault.imap.codec.ImapCommand.Copy;
import dev.mailvault.imap.codec.ImapCommand.Create;
import dev.mailvault.imap.codec.ImapCommand.Delete;
import dev.mailvault.imap.codec.ImapCommand.Enable;
import dev.mailvault.imap.codec.ImapCommand.Expunge;
import dev.mailvault.imap.codec.ImapCommand.GetQuota;
import dev.mailvault.imap.codec.ImapCommand.GetQuotaRoot;
import dev.mailvault.imap.codec.ImapCommand.Id;
import dev.mailvault.imap.codec.ImapCommand.Idle;
import dev.mailvault.imap.codec.ImapCommand.Login;
import dev.mailvault.imap.codec.ImapCommand.Logout;
import dev.mailvault.imap.codec.ImapCommand.Move;
import dev.mailvault.imap.codec.ImapCommand.Namespace;
import dev.mailvault.imap.codec.ImapCommand.Noop;
import dev.mailvault.imap.codec.ImapCommand.QResync;
import dev.mailvault.imap.codec.ImapCommand.Rename;
import dev.mailvault.imap.codec.ImapCommand.Select;
import dev.mailvault.imap.codec.ImapCommand.SelectOptions;
import dev.mailvault.imap.codec.ImapCommand.StartTls;
import dev.mailvault.imap.codec.ImapCommand.Status;
import dev.mailvault.imap.codec.ImapCommand.StatusItem;
import dev.mailvault.imap.codec.ImapCommand.Store;
import dev.mailvault.imap.codec.ImapCommand.StoreMode;
import dev.mailvault.imap.codec.ImapCommand.Subscribe;
import dev.mailvault.imap.codec.ImapCommand.UidExpunge;
import dev.mailvault.imap.codec.ImapCommand.Unauthenticate;
import dev.mailvault.imap.codec.ImapCommand.Unselect;
import dev.mailvault.imap.codec.ImapCommand.Unsubscribe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns one frame from the {@link CommandFramer} into an {@link ImapCommand} (RFC 9051 §9 and RFC
 * 3501 §9 grammar, plus the extensions' additions). Stateless: whether a command is allowed in the
 * session's state is the dispatcher's business, not the grammar's.
 */
public final class CommandParser {

  /** RFC 2971 §3.3: at most 30 field/value pairs. */
  private static final int MAX_ID_FIELDS = 30;

  /**
   * @throws ParseException when {@code frame} does not follow the grammar; its tag is set once the
   *     tag could be read
   */
  public ImapCommand parse(byte[] frame, NameEncoding names) throws ParseException {
    ImapReader in = new ImapReader(frame, names == NameEncoding.UTF8);
    String tag = in.readTag();
    in.sp();
    String name = in.atom();
    return switch (name) {
      case "CAPABILITY" -> ended(in, new Capability(tag));
      case "NOOP" -> ended(in, new Noop(tag));
      case "LOGOUT" -> ended(in, new Logout(tag));
      case "STARTTLS" -> ended(in, new StartTls(tag));
      case "AUTHENTICATE" -> authenticate(in, tag);
      case "LOGIN" -> login(in, tag);
      case "ENABLE" -> enable(in, tag);
      case "ID" -> id(in, tag);
      case "SELECT", "EXAMINE" -> select(in, tag, name.equals("EXAMINE"));
      case "CREATE" -> create(in, tag);
      case "DELETE" -> new Delete(tag, oneMailbox(in));
      case "RENAME" -> rename(in, tag);
      case "SUBSCRIBE" -> new Subscribe(tag, oneMailbox(in));
      case "UNSUBSCRIBE" -> new Unsubscribe(tag, oneMailbox(in));
      case "LIST" -> ListParser.list(in, tag);
      case "LSUB" -> ListParser.lsub(in, tag);
      case "NAMESPACE" -> ended(in, new Namespace(tag));
      case "STATUS" -> status(in, tag);
      case "APPEND" -> AppendParser.parse(in, tag);
      case "IDLE" -> ended(in, new Idle(tag));
      case "NOTIFY" -> NotifyParser.parse(in, tag);
      case "CHECK" -> ended(in, new Check(tag));
      case "CLOSE" -> ended(in, new Close(tag));
      case "UNSELECT" -> ended(in, new Unselect(tag));
      case "EXPUNGE" -> ended(in, new Expunge(tag));
      case "SEARCH" -> SearchParser.parse(in, tag, false);
      case "SORT" -> SortParser.sort(in, tag, false);
      case "THREAD" -> SortParser.thread(in, tag, false);
      case "CANCELUPDATE" -> SortParser.cancelUpdate(in, tag);
      case "FETCH" -> FetchParser.parse(in, tag, false);
      case "STORE" -> store(in, tag, false);
      case "COPY" -> copyOrMove(in, tag, false, false);
      case "MOVE" -> copyOrMove(in, tag, false, true);
      case "UID" -> uid(in, tag);
      case "GETQUOTA" -> getQuota(in, tag);
      case "GETQUOTAROOT" -> new GetQuotaRoot(tag, oneMailbox(in));
      case "UNAUTHENTICATE" -> ended(in, new Unauthenticate(tag));
      case "COMPRESS" -> compress(in, tag);
      default -> throw in.error("Unknown command " + name);
    };
  }

  /** Whether {@code frame} is the {@code DONE} that ends IDLE (RFC 2177 §3). */
  public static boolean isDone(byte[] frame) {
    return frame.length == 4
        && (frame[0] | 0x20) == 'd'
        && (frame[1] | 0x20) == 'o'
        && (frame[2] | 0x20) == 'n'
        && (frame[3] | 0x20) == 'e';
  }

  private static ImapCommand ended(ImapReader in, ImapCommand command) throws ParseException {
    in.end();
    return command;
  }

  private static String oneMailbox(ImapReader in) throws ParseException {
    in.sp();
    String mailbox = in.mailbox();
    in.end();
    return mailbox;
  }

  /** RFC 9051 §6.2.2, RFC 4959: AUTHENTICATE SP auth-type [SP (base64 / "=")]. */
  private static ImapCommand authenticate(ImapReader in, String tag) throws ParseException {
    in.sp();
    String mechanism = in.atom();
    String initial = null;
    if (in.accept(' ')) {
      initial = base64(in);
    }
    in.end();
    return new Authenticate(tag, mechanism, initial);
  }

  private static String base64(ImapReader in) throws ParseException {
    StringBuilder out = new StringBuilder();
    while (!in.atEnd()) {
      int c = in.peek();
      boolean valid =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/'
              || c == '=';
      if (!valid) {
        throw in.error("Invalid base64");
      }
      out.append((char) c);
      in.accept((char) c);
    }
    String value = out.toString();
    // RFC 9051 §9: base64 = *(4base64-char) [base64-terminal]; "=" alone is an empty response.
    if (value.isEmpty()
        || (!value.equals("=")
            && (value.length() % 4 != 0
                || value.indexOf('=') >= 0
                    && !value.substring(value.indexOf('=')).matches("={1,2}")))) {
      throw in.error("Invalid base64");
    }
    return value;
  }

  private static ImapCommand login(ImapReader in, String tag) throws ParseException {
    in.sp();
    String user = in.astring();
    in.sp();
    String password = in.astring();
    in.end();
    return new Login(tag, user, password);
  }

  /** RFC 5161 §3.1: ENABLE 1*(SP capability). */
  private static ImapCommand enable(ImapReader in, String tag) throws ParseException {
    List<String> capabilities = new ArrayList<>();
    do {
      in.sp();
      capabilities.add(in.atom());
    } while (!in.atEnd());
    return new Enable(tag, List.copyOf(capabilities));
  }

  /** RFC 2971 §4: ID SP ("(" string SP nstring *(SP string SP nstring) ")" / NIL). */
  private static ImapCommand id(ImapReader in, String tag) throws ParseException {
    in.sp();
    if (in.acceptWord("NIL")) {
      in.end();
      return new Id(tag, null);
    }
    in.expect('(');
    Map<String, String> fields = new LinkedHashMap<>();
    if (!in.accept(')')) {
      do {
        String field = in.utf8(in.string(false));
        in.sp();
        String value = in.nstring();
        if (field.length() > 30 || (value != null && value.length() > 1024)) {
          throw in.error("ID field or value too long");
        }
        fields.put(field, value);
        if (fields.size() > MAX_ID_FIELDS) {
          throw in.error("Too many ID fields");
        }
      } while (in.accept(' '));
      in.expect(')');
    }
    in.end();
    return new Id(tag, java.util.Collections.unmodifiableMap(fields));
  }

  /** RFC 9051 §6.3.2 with RFC 7162 §3.1.8 / §3.2.5 select parameters. */
  private static ImapCommand select(ImapReader in, String tag, boolean readOnly)
      throws ParseException {
    in.sp();
    String mailbox = in.mailbox();
    boolean condstore = false;
    QResync qresync = null;
    if (in.accept(' ')) {
      in.expect('(');
      do {
        String param = in.atom();
        switch (param) {
          case "CONDSTORE" -> condstore = true;
          case "QRESYNC" -> {
            in.sp();
            qresync = qresync(in);
          }
          // RFC 4466 §2.1: an unknown parameter must be refused.
          default -> throw in.error("Unknown SELECT parameter " + param);
        }
      } while (in.accept(' '));
      in.expect(')');
    }
    in.end();
    return new Select(tag, mailbox, readOnly, new SelectOptions(condstore, qresync));
  }

  private static QResync qresync(ImapReader in) throws ParseException {
    in.expect('(');
    long uidValidity = in.nzNumber();
    in.sp();
    long modSeq = in.number64();
    SequenceSet knownUids = null;
    SequenceSet knownNumbers = null;
    SequenceSet knownNumberUids = null;
    if (in.accept(' ')) {
      if (in.peek() != '(') {
        knownUids = in.sequenceSet();
      }
      if (knownUids == null || in.accept(' ')) {
        in.expect('(');
        knownNumbers = in.sequenceSet();
        in.sp();
        knownNumberUids = in.sequenceSet();
        in.expect(')');
      }
    }
    in.expect(')');
    return new QResync(uidValidity, modSeq, knownUids, knownNumbers, knownNumberUids);
  }

  /** RFC 9051 §6.3.4, RFC 6154 §3: CREATE mailbox [SP "(" USE SP "(" use-attr... ")" ")"]. */
  private static ImapCommand create(ImapReader in, String tag) throws ParseException {
    in.sp();
    String mailbox = in.newMailbox();
    List<String> uses = new ArrayList<>();
    if (in.accept(' ')) {
      in.expect('(');
      String param = in.atom();
      if (!param.equals("USE")) {
        throw in.error("Unknown CREATE parameter " + param);
      }
      in.sp();
      in.expect('(');
      if (!in.accept(')')) {
        do {
          in.expect('\\');
          String use = in.rawAtom();
          uses.add(
              "\\"
                  + use.substring(0, 1).toUpperCase(Locale.ROOT)
                  + use.substring(1).toLowerCase(Locale.ROOT));
        } while (in.accept(' '));
        in.expect(')');
      }
      in.expect(')');
    }
    in.end();
    return new Create(tag, mailbox, List.copyOf(uses));
  }

  private static ImapCommand rename(ImapReader in, String tag) throws ParseException {
    in.sp();
    String from = in.mailbox();
    in.sp();
    String to = in.newMailbox();
    in.end();
    return new Rename(tag, from, to);
  }

  /** RFC 9051 §6.3.11: STATUS SP mailbox SP "(" status-att *(SP status-att) ")". */
  private static ImapCommand status(ImapReader in, String tag) throws ParseException {
    in.sp();
    String mailbox = in.mailbox();
    in.sp();
    List<StatusItem> items = ListParser.statusItems(in);
    in.end();
    return new Status(tag, mailbox, items);
  }

  /** RFC 9051 §6.4.6: STORE SP sequence-set [SP modifiers] SP store-att-flags. */
  private static ImapCommand store(ImapReader in, String tag, boolean uid) throws ParseException {
    in.sp();
    SequenceSet set = in.sequenceSet();
    in.sp();
    long unchangedSince = -1;
    if (in.accept('(')) {
      String modifier = in.atom();
      if (!modifier.equals("UNCHANGEDSINCE")) {
        throw in.error("Unknown STORE modifier " + modifier);
      }
      in.sp();
      unchangedSince = in.number64();
      in.expect(')');
      in.sp();
    }
    StoreMode mode =
        in.accept('+') ? StoreMode.ADD : in.accept('-') ? StoreMode.REMOVE : StoreMode.REPLACE;
    String item = in.atom();
    boolean silent;
    switch (item) {
      case "FLAGS" -> silent = false;
      case "FLAGS.SILENT" -> silent = true;
      default -> throw in.error("Unknown STORE item " + item);
    }
    in.sp();
    Flags flags = in.peek() == '(' ? in.flagList() : in.bareFlags();
    in.end();
    return new Store(tag, uid, set, unchangedSince, mode, silent, flags);
  }

  private static ImapCommand copyOrMove(ImapReader in, String tag, boolean uid, boolean move)
      throws ParseException {
    in.sp();
    SequenceSet set = in.sequenceSet();
    in.sp();
    String mailbox = in.mailbox();
    in.end();
    return move ? new Move(tag, uid, set, mailbox) : new Copy(tag, uid, set, mailbox);
  }

  /** RFC 9051 §6.4.9: UID SP (copy / move / fetch / search / store / uid-expunge). */
  private static ImapCommand uid(ImapReader in, String tag) throws ParseException {
    in.sp();
    String name = in.atom();
    return switch (name) {
      case "FETCH" -> FetchParser.parse(in, tag, true);
      case "SEARCH" -> SearchParser.parse(in, tag, true);
      case "SORT" -> SortParser.sort(in, tag, true);
      case "THREAD" -> SortParser.thread(in, tag, true);
      case "STORE" -> store(in, tag, true);
      case "COPY" -> copyOrMove(in, tag, true, false);
      case "MOVE" -> copyOrMove(in, tag, true, true);
      case "EXPUNGE" -> {
        in.sp();
        SequenceSet set = in.sequenceSet();
        in.end();
        yield new UidExpunge(tag, set);
      }
      default -> throw in.error("Unknown UID command " + name);
    };
  }

  private static ImapCommand getQuota(ImapReader in, String tag) throws ParseException {
    in.sp();
    String root = in.astring();
    in.end();
    return new GetQuota(tag, root);
  }

  private static ImapCommand compress(ImapReader in, String tag) throws ParseException {
    in.sp();
    String mechanism = in.atom();
    in.end();
    return new Compress(tag, mechanism);
  }

  static Set<String> copyOrdered(List<String> values) {
    return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(values));
  }
}
