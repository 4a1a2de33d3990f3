package dev.mailvault.imap.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.imap.codec.ImapCommand.Append;
import dev.mailvault.imap.codec.ImapCommand.AppendMessage;
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
import dev.mailvault.imap.codec.ImapCommand.ListMailboxes;
import dev.mailvault.imap.codec.ImapCommand.Login;
import dev.mailvault.imap.codec.ImapCommand.Logout;
import dev.mailvault.imap.codec.ImapCommand.Lsub;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Commands without arguments, login, mailbox commands, APPEND, STORE, COPY/MOVE. */
class CommandParserTest {

  private final CommandParser parser = new CommandParser();

  ImapCommand parse(String command) throws ParseException {
    return parser.parse(command.getBytes(UTF_8), NameEncoding.MODIFIED_UTF7);
  }

  ImapCommand parseUtf8(String command) throws ParseException {
    return parser.parse(command.getBytes(UTF_8), NameEncoding.UTF8);
  }

  @Test
  void commandsWithoutArguments() throws Exception {
    assertThat(parse("a1 CAPABILITY")).isEqualTo(new Capability("a1"));
    assertThat(parse("a2 noop")).isEqualTo(new Noop("a2"));
    assertThat(parse("a3 LOGOUT")).isEqualTo(new Logout("a3"));
    assertThat(parse("a4 STARTTLS")).isEqualTo(new StartTls("a4"));
    assertThat(parse("a5 NAMESPACE")).isEqualTo(new Namespace("a5"));
    assertThat(parse("a6 IDLE")).isEqualTo(new Idle("a6"));
    assertThat(parse("a7 CHECK")).isEqualTo(new Check("a7"));
    assertThat(parse("a8 CLOSE")).isEqualTo(new Close("a8"));
    assertThat(parse("a9 UNSELECT")).isEqualTo(new Unselect("a9"));
    assertThat(parse("b1 EXPUNGE")).isEqualTo(new Expunge("b1"));
    assertThat(parse("b2 UNAUTHENTICATE")).isEqualTo(new Unauthenticate("b2"));
    assertThat(parse("b3 COMPRESS deflate")).isEqualTo(new Compress("b3", "DEFLATE"));
  }

  @Test
  void doneEndsIdleInAnyCase() {
    assertThat(CommandParser.isDone("DONE".getBytes(UTF_8))).isTrue();
    assertThat(CommandParser.isDone("done".getBytes(UTF_8))).isTrue();
    assertThat(CommandParser.isDone("DONE ".getBytes(UTF_8))).isFalse();
    assertThat(CommandParser.isDone("a DONE".getBytes(UTF_8))).isFalse();
  }

  @Test
  void loginTakesAtomsQuotedStringsAndLiterals() throws Exception {
    assertThat(parse("a LOGIN alice@example.com \"pa ss\\\"w\\\\d\""))
        .isEqualTo(new Login("a", "alice@example.com", "pa ss\"w\\d"));
    assertThat(parse("a LOGIN {17}\r\nalice@example.com {3+}\r\np\u00e9"))
        .isEqualTo(new Login("a", "alice@example.com", "pé"));
  }

  @Test
  void loginNeverShowsItsSecretsInToString() throws Exception {
    assertThat(parse("a LOGIN alice secret").toString()).doesNotContain("secret", "alice");
    assertThat(parse("a AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==").toString())
        .doesNotContain("AGFsaWNlAHNlY3JldA");
  }

  @Test
  void authenticateWithAndWithoutInitialResponse() throws Exception {
    assertThat(parse("a AUTHENTICATE plain")).isEqualTo(new Authenticate("a", "PLAIN", null));
    assertThat(parse("a AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA=="))
        .isEqualTo(new Authenticate("a", "PLAIN", "AGFsaWNlAHNlY3JldA=="));
    assertThat(parse("a AUTHENTICATE PLAIN =")).isEqualTo(new Authenticate("a", "PLAIN", "="));
  }

  @Test
  void enableAndId() throws Exception {
    assertThat(parse("a ENABLE IMAP4rev2 utf8=accept"))
        .isEqualTo(new Enable("a", List.of("IMAP4REV2", "UTF8=ACCEPT")));
    assertThat(parse("a ID NIL")).isEqualTo(new Id("a", null));
    Id id = (Id) parse("a ID (\"name\" \"Thunderbird\" \"version\" NIL)");
    assertThat(id.fields()).containsEntry("name", "Thunderbird").containsEntry("version", null);
    assertThat(parse("a ID ()")).isEqualTo(new Id("a", Map.of()));
  }

  @Test
  void selectAndExamineWithCondstoreAndQresync() throws Exception {
    assertThat(parse("a SELECT inbox"))
        .isEqualTo(new Select("a", "INBOX", false, SelectOptions.NONE));
    assertThat(parse("a EXAMINE \"Sent Items\" (CONDSTORE)"))
        .isEqualTo(new Select("a", "Sent Items", true, new SelectOptions(true, null)));
    Select qresync =
        (Select) parse("a SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211 (1:5 3:7)))");
    assertThat(qresync.options().qresync())
        .isEqualTo(
            new QResync(
                67890007,
                20050715194045000L,
                SequenceSet.of(new SequenceSet.Range(41, 41), new SequenceSet.Range(43, 211)),
                SequenceSet.of(new SequenceSet.Range(1, 5)),
                SequenceSet.of(new SequenceSet.Range(3, 7))));
    Select minimal = (Select) parse("a SELECT INBOX (QRESYNC (1 2))");
    assertThat(minimal.options().qresync()).isEqualTo(new QResync(1, 2, null, null, null));
  }

  @Test
  void mailboxNamesAreModifiedUtf7ForRev1AndUtf8ForRev2() throws Exception {
    assertThat(parse("a SELECT ~peter/mail/&U,BTFw-/&ZeVnLIqe-"))
        .isEqualTo(new Select("a", "~peter/mail/台北/日本語", false, SelectOptions.NONE));
    assertThat(parseUtf8("a SELECT \"~peter/mail/台北/日本語\""))
        .isEqualTo(new Select("a", "~peter/mail/台北/日本語", false, SelectOptions.NONE));
    assertThat(parseUtf8("a DELETE &U,BTFw-")).isEqualTo(new Delete("a", "&U,BTFw-"));
  }

  @Test
  void createWithSpecialUse() throws Exception {
    assertThat(parse("a CREATE Drafts")).isEqualTo(new Create("a", "Drafts", List.of()));
    assertThat(parse("a CREATE MyDrafts (USE (\\drafts \\Sent))"))
        .isEqualTo(new Create("a", "MyDrafts", List.of("\\Drafts", "\\Sent")));
  }

  @Test
  void mailboxCommands() throws Exception {
    assertThat(parse("a DELETE old")).isEqualTo(new Delete("a", "old"));
    assertThat(parse("a RENAME old \"new one\"")).isEqualTo(new Rename("a", "old", "new one"));
    assertThat(parse("a SUBSCRIBE x")).isEqualTo(new Subscribe("a", "x"));
    assertThat(parse("a UNSUBSCRIBE x")).isEqualTo(new Unsubscribe("a", "x"));
    assertThat(parse("a GETQUOTAROOT INBOX")).isEqualTo(new GetQuotaRoot("a", "INBOX"));
    assertThat(parse("a GETQUOTA \"\"")).isEqualTo(new GetQuota("a", ""));
  }

  @Test
  void statusItems() throws Exception {
    assertThat(parse("a STATUS INBOX (MESSAGES uidnext UIDVALIDITY UNSEEN DELETED SIZE RECENT)"))
        .isEqualTo(
            new Status(
                "a",
                "INBOX",
                List.of(
                    StatusItem.MESSAGES,
                    StatusItem.UIDNEXT,
                    StatusItem.UIDVALIDITY,
                    StatusItem.UNSEEN,
                    StatusItem.DELETED,
                    StatusItem.SIZE,
                    StatusItem.RECENT)));
  }

  @Test
  void listBasicExtendedAndStatus() throws Exception {
    assertThat(parse("a LIST \"\" *"))
        .isEqualTo(new ListMailboxes("a", "", List.of("*"), Set.of(), Set.of(), List.of()));
    assertThat(parse("a LIST \"\" \"%\"").toString()).contains("patterns=[%]");
    ListMailboxes extended =
        (ListMailboxes)
            parse(
                "a LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (INBOX Sent/%) RETURN (CHILDREN STATUS (MESSAGES UNSEEN))");
    assertThat(extended.selectionOptions()).containsExactly("SUBSCRIBED", "RECURSIVEMATCH");
    assertThat(extended.patterns()).containsExactly("INBOX", "Sent/%");
    assertThat(extended.returnOptions()).containsExactly("CHILDREN", "STATUS");
    assertThat(extended.statusItems()).containsExactly(StatusItem.MESSAGES, StatusItem.UNSEEN);
    assertThat(parse("a LSUB \"\" Archive/*")).isEqualTo(new Lsub("a", "", "Archive/*"));
  }

  @Test
  void appendOneMessageWithFlagsAndDate() throws Exception {
    Append append =
        (Append)
            parse("a APPEND Sent (\\Seen $Forwarded) \" 7-Feb-1994 21:52:25 -0800\" {5}\r\nHello");
    assertThat(append.mailbox()).isEqualTo("Sent");
    AppendMessage message = append.messages().get(0);
    assertThat(message.flags().sameAs(Flags.of(SystemFlag.SEEN).withKeywords("$Forwarded")))
        .isTrue();
    assertThat(message.internalDate())
        .isEqualTo(OffsetDateTime.of(1994, 2, 7, 21, 52, 25, 0, ZoneOffset.ofHours(-8)));
    assertThat(message.content()).isEqualTo("Hello".getBytes(UTF_8));
    assertThat(message.binary()).isFalse();
  }

  @Test
  void multiAppendAndLiteral8() throws Exception {
    Append append = (Append) parse("a APPEND INBOX {2+}\r\nm1 (\\Draft) ~{3}\r\n\0\1\2");
    assertThat(append.messages()).hasSize(2);
    assertThat(append.messages().get(0).content()).isEqualTo("m1".getBytes(UTF_8));
    assertThat(append.messages().get(1).binary()).isTrue();
    assertThat(append.messages().get(1).content()).containsExactly(0, 1, 2);
    assertThat(append.messages().get(1).flags().has(SystemFlag.DRAFT)).isTrue();
  }

  @Test
  void storeModesAndModifiers() throws Exception {
    assertThat(parse("a STORE 1:* +FLAGS.SILENT (\\Deleted)"))
        .isEqualTo(
            new Store(
                "a",
                false,
                SequenceSet.of(new SequenceSet.Range(1, SequenceSet.STAR)),
                -1,
                StoreMode.ADD,
                true,
                Flags.of(SystemFlag.DELETED)));
    Store store = (Store) parse("a UID STORE 5 (UNCHANGEDSINCE 12345) -FLAGS \\Seen $Junk");
    assertThat(store.uid()).isTrue();
    assertThat(store.unchangedSince()).isEqualTo(12345);
    assertThat(store.mode()).isEqualTo(StoreMode.REMOVE);
    assertThat(store.flags().sameAs(Flags.of(SystemFlag.SEEN).withKeywords("$junk"))).isTrue();
    assertThat(((Store) parse("a STORE $ FLAGS ()")).flags().sameAs(Flags.NONE)).isTrue();
  }

  @Test
  void copyMoveAndUidExpunge() throws Exception {
    SequenceSet set = SequenceSet.of(new SequenceSet.Range(2, 4), new SequenceSet.Range(7, 7));
    assertThat(parse("a COPY 2:4,7 Trash")).isEqualTo(new Copy("a", false, set, "Trash"));
    assertThat(parse("a UID MOVE 2:4,7 Trash")).isEqualTo(new Move("a", true, set, "Trash"));
    assertThat(parse("a UID EXPUNGE 2:4,7")).isEqualTo(new UidExpunge("a", set));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a1 FROBNICATE|a1|Unknown command",
        "a1 NOOP extra|a1|Unexpected characters",
        "a1 LOGIN alice|a1|Command ends too early",
        "a1 LOGIN \"alice|a1|Unterminated quoted string",
        "a1 LOGIN \"a\\lice\" x|a1|Invalid escape",
        "a1 LOGIN {10}\\r\\nshort|a1|Literal shorter",
        "a1 AUTHENTICATE PLAIN abc|a1|Invalid base64",
        "a1 AUTHENTICATE PLAIN ab=c|a1|Invalid base64",
        "a1 SELECT INBOX (FOO)|a1|Unknown SELECT parameter",
        "a1 CREATE &Jjo|a1|modified UTF-7",
        "a1 RENAME INBOX &Jjo|a1|modified UTF-7",
        "a1 CREATE x (FOO (\\Drafts))|a1|Unknown CREATE parameter",
        "a1 STATUS INBOX ()|a1|at least one item",
        "a1 STATUS INBOX (BOGUS)|a1|Unknown STATUS item",
        "a1 LIST (BOGUS) \"\" *|a1|Unknown LIST selection option",
        "a1 LIST (RECURSIVEMATCH) \"\" *|a1|RECURSIVEMATCH",
        "a1 LIST (RECURSIVEMATCH REMOTE) \"\" \"\"|a1|RECURSIVEMATCH",
        "a1 LIST \"\" * RETURN (BOGUS)|a1|Unknown LIST return option",
        "a1 LIST \"\" * FOO|a1|Expected RETURN",
        "a1 APPEND INBOX \"text\"|a1|Expected",
        "a1 APPEND INBOX (\\Seen) hello|a1|literal",
        "a1 APPEND INBOX \"31-Feb-2020 10:00:00 +0000\" {1}\\r\\nx|a1|Invalid date-time",
        "a1 APPEND INBOX (\\Recent) {1}\\r\\nx|a1|read-only system flag",
        "a1 APPEND INBOX ~{1}|a1|too early",
        "a1 APPEND INBOX ~{9}\\r\\nx|a1|Literal shorter",
        "a1 LOGIN ~{1}\\r\\nx y|a1|literal8 is not allowed",
        "a1 STORE 1 FLAGZ (\\Seen)|a1|Unknown STORE item",
        "a1 STORE 1 (FOO 1) FLAGS (\\Seen)|a1|Unknown STORE modifier",
        "a1 STORE 0 FLAGS (\\Seen)|a1|Zero",
        "a1 COPY 1:x Trash|a1|Expected a number",
        "a1 COPY 99999999999 Trash|a1|Number too large",
        "a1 UID FROB 1|a1|Unknown UID command",
        "a1 ID (\"a\")|a1|Expected ' '",
        "a1 ENABLE|a1|too early",
        "+ NOOP||Missing or invalid tag",
        "NOOP||Missing or invalid tag",
        "|| Missing or invalid tag"
      })
  void syntaxErrorsCarryTheTagWhenItWasRead(String command, String tag, String message) {
    // CSV cannot hold line breaks: a written \r\n stands for CRLF.
    String frame = command == null ? "" : command.replace("\\r\\n", "\r\n");
    assertThatThrownBy(() -> parse(frame))
        .isInstanceOfSatisfying(
            ParseException.class,
            e -> {
              assertThat(e.tag()).isEqualTo(tag);
              assertThat(e.getMessage()).containsIgnoringCase(message.strip());
            });
  }

  @Test
  void nulInAnOrdinaryLiteralIsRefused() {
    assertThatThrownBy(() -> parse("a LOGIN {3}\r\na\0b x"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("NUL");
  }

  @Test
  void invalidUtf8InAStringIsRefused() {
    byte[] frame = {'a', ' ', 'L', 'O', 'G', 'I', 'N', ' ', '"', (byte) 0xC3, '"', ' ', 'x'};
    assertThatThrownBy(() -> parser.parse(frame, NameEncoding.UTF8))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void tooManyIdFieldsAreRefused() {
    StringBuilder id = new StringBuilder("a ID (");
    for (int i = 0; i < 31; i++) {
      id.append(i == 0 ? "" : " ").append("\"f").append(i).append("\" \"v\"");
    }
    id.append(')');
    assertThatThrownBy(() -> parse(id.toString()))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("Too many ID fields");
  }
}
