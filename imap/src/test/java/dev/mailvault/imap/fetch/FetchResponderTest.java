package dev.mailvault.imap.fetch;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.imap.codec.CommandParser;
import dev.mailvault.imap.codec.ImapCommand;
import dev.mailvault.imap.codec.NameEncoding;
import dev.mailvault.imap.codec.ResponseWriter;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each FETCH item, answered for messages stored in a real vault, compared as wire bytes. */
class FetchResponderTest {

  static final String MESSAGE =
      "From: Alice <alice@example.com>\r\n"
          + "To: Bob <bob@example.net>\r\n"
          + "Subject: Parts\r\n"
          + "Date: Tue, 04 Mar 2025 05:06:07 +0000\r\n"
          + "Message-ID: <m1@example.com>\r\n"
          + "MIME-Version: 1.0\r\n"
          + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
          + "\r\n"
          + "--b1\r\n"
          + "Content-Type: text/plain; charset=utf-8\r\n"
          + "Content-Transfer-Encoding: quoted-printable\r\n"
          + "\r\n"
          + "caf=C3=A9 =\r\n"
          + "soft\r\n"
          + "--b1\r\n"
          + "Content-Type: application/octet-stream\r\n"
          + "Content-Transfer-Encoding: BASE64\r\n"
          + "\r\n"
          + "AAECAwQ=\r\n"
          + "--b1\r\n"
          + "Content-Type: message/rfc822\r\n"
          + "\r\n"
          + "Subject: inner\r\n"
          + "Content-Type: text/plain\r\n"
          + "\r\n"
          + "inner body\r\n"
          + "--b1\r\n"
          + "Content-Type: text/plain\r\n"
          + "Content-Transfer-Encoding: x-uuencode\r\n"
          + "\r\n"
          + "begin 644 a\r\n"
          + "--b1--\r\n";

  @TempDir Path dir;
  private VaultStore store;
  private Vault vault;
  private final List<String> reads = Collections.synchronizedList(new ArrayList<>());
  private FetchResponder responder;
  private MessageMeta meta;

  @BeforeEach
  void storeTheMessage() throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    store = new VaultStore(VaultStoreConfig.defaults(dir.resolve("vaults")));
    vault = store.create("fetch", key, QuotaLedger.UNLIMITED);
    Flags flags = Flags.of(SystemFlag.FLAGGED, SystemFlag.ANSWERED).withKeywords("$Work");
    long uid =
        vault
            .append(
                "INBOX",
                new NewMessage(
                    MESSAGE.getBytes(US_ASCII), flags, Instant.parse("2025-03-04T05:06:07Z")))
            .uid();
    meta = vault.messages("INBOX", UidSet.of(uid)).get(0);
    responder = new FetchResponder(recording(vault), "INBOX");
  }

  @AfterEach
  void close() {
    vault.close();
    store.close();
  }

  /** The vault, with the names of the content reads it serves written down. */
  private MailboxAccess recording(MailboxAccess target) {
    return (MailboxAccess)
        Proxy.newProxyInstance(
            MailboxAccess.class.getClassLoader(),
            new Class<?>[] {MailboxAccess.class},
            (proxy, method, args) -> {
              if (method.getName().startsWith("fetch")) {
                reads.add(
                    method.getName()
                        + (method.getName().equals("fetchSection") ? " " + args[2] : ""));
              }
              try {
                return method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  static FetchPlan plan(String command) throws Exception {
    ImapCommand.Fetch fetch =
        (ImapCommand.Fetch)
            new CommandParser().parse(command.getBytes(US_ASCII), NameEncoding.MODIFIED_UTF7);
    return FetchPlan.of(fetch.items(), fetch.uid());
  }

  private String fetch(String items) throws Exception {
    return new String(responder.render(3, meta, plan("a FETCH 3 " + items), false), ISO_8859_1);
  }

  private static String literal(String content) {
    return "{" + content.length() + "}\r\n" + content;
  }

  @Test
  void metadataItemsComeFromTheStoredMeta() throws Exception {
    assertThat(fetch("(FLAGS INTERNALDATE RFC822.SIZE UID MODSEQ)"))
        .isEqualTo(
            "* 3 FETCH (FLAGS (\\Answered \\Flagged $Work)"
                + " INTERNALDATE \" 4-Mar-2025 05:06:07 +0000\" RFC822.SIZE "
                + MESSAGE.length()
                + " UID "
                + meta.uid()
                + " MODSEQ ("
                + meta.modseq()
                + "))\r\n");
    assertThat(fetch("(ENVELOPE BODY BODYSTRUCTURE)"))
        .isEqualTo(
            "* 3 FETCH (ENVELOPE "
                + meta.envelope()
                + " BODY "
                + meta.body()
                + " BODYSTRUCTURE "
                + meta.bodyStructure()
                + ")\r\n");
    assertThat(meta.envelope()).startsWith("(\"Tue, 04 Mar 2025 05:06:07 +0000\" \"Parts\"");
    assertThat(reads).as("no content read for metadata").isEmpty();
  }

  @Test
  void recentIsTheSessionsFlag() throws Exception {
    assertThat(new String(responder.render(1, meta, plan("a FETCH 1 FLAGS"), true), ISO_8859_1))
        .isEqualTo("* 1 FETCH (FLAGS (\\Answered \\Flagged \\Recent $Work))\r\n");
  }

  @Test
  void macrosAnswerTheirItems() throws Exception {
    assertThat(fetch("FAST"))
        .isEqualTo(
            "* 3 FETCH (FLAGS (\\Answered \\Flagged $Work)"
                + " INTERNALDATE \" 4-Mar-2025 05:06:07 +0000\" RFC822.SIZE "
                + MESSAGE.length()
                + ")\r\n");
    assertThat(fetch("FULL")).contains(" ENVELOPE (").endsWith(" BODY " + meta.body() + ")\r\n");
  }

  @Test
  void wholeMessageHeaderAndText() throws Exception {
    int split = MESSAGE.indexOf("\r\n\r\n") + 4;
    assertThat(fetch("(BODY[] BODY.PEEK[HEADER] BODY[TEXT])"))
        .isEqualTo(
            "* 3 FETCH (BODY[] "
                + literal(MESSAGE)
                + " BODY[HEADER] "
                + literal(MESSAGE.substring(0, split))
                + " BODY[TEXT] "
                + literal(MESSAGE.substring(split))
                + ")\r\n");
  }

  @Test
  void rfc822ItemsAreTheOldNamesOfSections() throws Exception {
    int split = MESSAGE.indexOf("\r\n\r\n") + 4;
    assertThat(fetch("(RFC822.HEADER RFC822.TEXT RFC822)"))
        .isEqualTo(
            "* 3 FETCH (RFC822.HEADER "
                + literal(MESSAGE.substring(0, split))
                + " RFC822.TEXT "
                + literal(MESSAGE.substring(split))
                + " RFC822 "
                + literal(MESSAGE)
                + ")\r\n");
  }

  @Test
  void headerFieldsAndTheirNegation() throws Exception {
    assertThat(fetch("(BODY.PEEK[HEADER.FIELDS (Subject to)])"))
        .isEqualTo(
            "* 3 FETCH (BODY[HEADER.FIELDS (SUBJECT TO)] "
                + literal("To: Bob <bob@example.net>\r\nSubject: Parts\r\n\r\n")
                + ")\r\n");
    assertThat(fetch("(BODY[HEADER.FIELDS.NOT (FROM TO DATE MESSAGE-ID MIME-VERSION)])"))
        .isEqualTo(
            "* 3 FETCH (BODY[HEADER.FIELDS.NOT (FROM TO DATE MESSAGE-ID MIME-VERSION)] "
                + literal(
                    "Subject: Parts\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n")
                + ")\r\n");
  }

  @Test
  void aHeaderNameThatIsNoAtomIsQuotedBackAndStillFound() throws Exception {
    assertThat(fetch("(BODY.PEEK[HEADER.FIELDS (\"Sub(ject\")])"))
        .isEqualTo("* 3 FETCH (BODY[HEADER.FIELDS (\"SUB(JECT\")] " + literal("\r\n") + ")\r\n");
  }

  @Test
  void partsTheirMimeHeadersAndNestedMessages() throws Exception {
    assertThat(fetch("(BODY[1] BODY[2.MIME] BODY[3.HEADER] BODY[3.TEXT] BODY[3.1])"))
        .isEqualTo(
            "* 3 FETCH (BODY[1] "
                + literal("caf=C3=A9 =\r\nsoft")
                + " BODY[2.MIME] "
                + literal(
                    "Content-Type: application/octet-stream\r\n"
                        + "Content-Transfer-Encoding: BASE64\r\n\r\n")
                + " BODY[3.HEADER] "
                + literal("Subject: inner\r\nContent-Type: text/plain\r\n\r\n")
                + " BODY[3.TEXT] "
                + literal("inner body")
                + " BODY[3.1] "
                + literal("inner body")
                + ")\r\n");
  }

  @Test
  void aPartThatDoesNotExistIsTheEmptyString() throws Exception {
    assertThat(fetch("(BODY[9] BODY[1.4.2] BODY[9.MIME])"))
        .isEqualTo("* 3 FETCH (BODY[9] \"\" BODY[1.4.2] \"\" BODY[9.MIME] \"\")\r\n");
  }

  @Test
  void partialsAtTheEdges() throws Exception {
    int size = MESSAGE.length();
    assertThat(fetch("(BODY[]<0.4>)")).isEqualTo("* 3 FETCH (BODY[]<0> {4}\r\nFrom)\r\n");
    // RFC 9051 §6.4.5: a range past the end is cut; BODY[]<0> even when it holds everything.
    assertThat(fetch("(BODY[]<" + (size - 4) + ".100>)"))
        .isEqualTo("* 3 FETCH (BODY[]<" + (size - 4) + "> {4}\r\n--\r\n)\r\n");
    assertThat(fetch("(BODY[]<0.99999999>)"))
        .isEqualTo("* 3 FETCH (BODY[]<0> " + literal(MESSAGE) + ")\r\n");
    // The origin octet at or beyond the end: the empty string.
    assertThat(fetch("(BODY[]<" + size + ".10>)"))
        .isEqualTo("* 3 FETCH (BODY[]<" + size + "> \"\")\r\n");
    assertThat(fetch("(BODY.PEEK[1]<4.5> BODY[1]<100.5> BODY[1]<16.1>)"))
        .isEqualTo(
            "* 3 FETCH (BODY[1]<4> {5}\r\nC3=A9 BODY[1]<100> \"\" BODY[1]<16> {1}\r\nt)\r\n");
  }

  @Test
  void aPartialOfTheWholeMessageReadsOnlyItsRange() throws Exception {
    fetch("(BODY.PEEK[]<10.20>)");
    assertThat(reads).containsExactly("fetchRange");
  }

  @Test
  void oneSectionIsReadOncePerAnswer() throws Exception {
    fetch("(BODY.PEEK[2] BINARY.PEEK[2] BINARY.SIZE[2])");
    assertThat(reads).containsExactly("fetchSection 2");
  }

  @Test
  void binaryDecodesQuotedPrintable() throws Exception {
    assertThat(fetch("(BINARY[1] BINARY.SIZE[1])"))
        .isEqualTo("* 3 FETCH (BINARY[1] {10}\r\ncaf\u00c3\u00a9 soft BINARY.SIZE[1] 10)\r\n");
  }

  @Test
  void binaryWithNulGoesAsLiteral8() throws Exception {
    assertThat(fetch("(BINARY.PEEK[2] BINARY.SIZE[2])"))
        .isEqualTo("* 3 FETCH (BINARY[2] ~{5}\r\n\0\1\2\3\4 BINARY.SIZE[2] 5)\r\n");
    // A partial without the NUL is an ordinary literal.
    assertThat(fetch("(BINARY.PEEK[2]<1.2>)"))
        .isEqualTo("* 3 FETCH (BINARY[2]<1> {2}\r\n\1\2)\r\n");
    assertThat(fetch("(BINARY.PEEK[2]<5.2>)")).isEqualTo("* 3 FETCH (BINARY[2]<5> \"\")\r\n");
  }

  @Test
  void binaryOfAnEncapsulatedMessageAndOfMissingParts() throws Exception {
    assertThat(fetch("(BINARY[3.1] BINARY.SIZE[3] BINARY[8] BINARY.SIZE[8])"))
        .isEqualTo(
            "* 3 FETCH (BINARY[3.1] {10}\r\ninner body BINARY.SIZE[3] 54"
                + " BINARY[8] \"\" BINARY.SIZE[8] 0)\r\n");
  }

  @Test
  void binaryOfTheWholeMessageIsTheMessageAsStored() throws Exception {
    assertThat(fetch("(BINARY.SIZE[])"))
        .isEqualTo("* 3 FETCH (BINARY.SIZE[] " + MESSAGE.length() + ")\r\n");
  }

  @Test
  void anUnknownTransferEncodingIsRefused() {
    assertThatThrownBy(() -> fetch("(BINARY[4])"))
        .isInstanceOf(UnknownTransferEncodingException.class)
        .hasMessage("Unknown Content-Transfer-Encoding");
    assertThatThrownBy(() -> fetch("(UID BINARY.SIZE[4])"))
        .isInstanceOf(UnknownTransferEncodingException.class);
    // BODY[] of that part is fine: it is sent as stored.
    assertThat(reads).containsExactly("fetchSection 4", "fetchSection 4");
  }

  @Test
  void aFailedAnswerLeavesTheOutputAsItWas() throws Exception {
    ResponseWriter out = new ResponseWriter(false).atom("* 1 EXISTS").crlf();
    assertThatThrownBy(
            () -> responder.write(out, 3, meta, plan("a FETCH 3 (UID BINARY[4])"), false))
        .isInstanceOf(UnknownTransferEncodingException.class);
    responder.write(out, 3, meta, plan("a FETCH 3 (UID)"), false);
    assertThat(new String(out.toBytes(), ISO_8859_1))
        .isEqualTo("* 1 EXISTS\r\n* 3 FETCH (UID " + meta.uid() + ")\r\n");
  }

  @Test
  void uidFetchAnswersCarryTheUidFirst() throws Exception {
    FetchPlan plan = plan("a UID FETCH 1:* (FLAGS)");
    assertThat(new String(responder.render(2, meta, plan, false), ISO_8859_1))
        .isEqualTo("* 2 FETCH (UID " + meta.uid() + " FLAGS (\\Answered \\Flagged $Work))\r\n");
  }
}
