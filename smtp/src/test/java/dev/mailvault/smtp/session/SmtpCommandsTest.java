package dev.mailvault.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.security.LoginHasher;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.core.spill.SpillArea;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.protocol.command.CommandTable;
import dev.mailvault.smtp.codec.ReaderLimits;
import dev.mailvault.smtp.codec.SmtpCommand;
import dev.mailvault.smtp.codec.SmtpInput;
import dev.mailvault.smtp.codec.SmtpReply;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SMTP command table (ADR 0192): one row per command, the EHLO reply read from it, and the
 * states a real session moves through. Transcripts over a real socket are in the server package.
 */
class SmtpCommandsTest {

  private static final long MAX_MESSAGE = 12_345;

  @TempDir Path data;

  private Directory directory;
  private SmtpServices services;

  @BeforeEach
  void start() throws Exception {
    directory = SqliteDirectory.open(data, Optional.empty());
    directory.addDomain(DomainName.parse("example.com"));
    // Only the alias is needed: what it holds of the new vault's keys is dropped at once.
    directory.addAlias(EmailAddress.parse("hello@example.com")).close();
    MailDelivery nowhere = (message, recipients) -> {};
    services =
        new SmtpServices(
            "mx.test",
            SmtpLimits.DEFAULTS.withReader(ReaderLimits.DEFAULTS.withMaxMessageSize(MAX_MESSAGE)),
            directory,
            nowhere,
            new SecurityLog(LoginHasher.withRandomKey()),
            Clock.systemUTC(),
            Optional.empty(),
            SpillArea.inMemory());
  }

  @AfterEach
  void stop() {
    directory.close();
  }

  @Test
  void everyParsedCommandHasExactlyOneRowAndAnUnofferedOneNone() {
    CommandTable<SmtpCommandSpec<?>, SmtpState, SmtpSession> table = services.commands();
    List<Class<?>> types =
        new ArrayList<>(Arrays.asList(SmtpCommand.class.getPermittedSubclasses()));
    types.remove(SmtpCommand.NotImplemented.class);
    // Submission's table has a row for every command; the MX's has no AUTH (ADR 0203).
    CommandTable<SmtpCommandSpec<?>, SmtpState, SmtpSession> submission =
        SmtpCommands.submissionTable(MAX_MESSAGE);
    List<Class<?>> submissionTypes = new ArrayList<>();
    submission.rows().forEach(row -> submissionTypes.add(row.type()));
    assertThat(submissionTypes).containsExactlyInAnyOrderElementsOf(types);
    types.remove(SmtpCommand.Auth.class);
    List<Class<?>> rowTypes = new ArrayList<>();
    table.rows().forEach(row -> rowTypes.add(row.type()));
    assertThat(rowTypes).containsExactlyInAnyOrderElementsOf(types);
    assertThat(table.rowFor(new SmtpCommand.NotImplemented("EXPN"))).isNull();
    assertThat(table.rows()).extracting(SmtpCommandSpec::verb).doesNotHaveDuplicates();
    assertThat(submission.rows()).extracting(SmtpCommandSpec::verb).doesNotHaveDuplicates();
  }

  @Test
  void ehloListsTheTablesKeywordsAndStartTlsOnlyWhileItCanBeDone() {
    RecordingTransport plain = new RecordingTransport(false);
    SmtpSession withoutTls = new SmtpSession(services, plain);
    List<String> keywords = services.commands().keywords(withoutTls);
    assertThat(keywords)
        .containsExactly(
            "SIZE " + MAX_MESSAGE,
            "8BITMIME",
            "SMTPUTF8",
            "PIPELINING",
            "ENHANCEDSTATUSCODES",
            "CHUNKING");
    withoutTls.onInput(command(new SmtpCommand.Ehlo("client.example")));
    assertThat(plain.lastReply().lines()).first().isEqualTo("mx.test Hello client.example");
    assertThat(plain.lastReply().lines()).containsSequence(keywords).endsWith("CHUNKING");

    RecordingTransport offering = new RecordingTransport(true);
    SmtpSession withTls = new SmtpSession(services, offering);
    withTls.onInput(command(new SmtpCommand.Ehlo("client.example")));
    assertThat(offering.lastReply().lines()).endsWith("CHUNKING", "STARTTLS");
    for (SmtpCommandSpec<?> row : services.commands().rows()) {
      assertThat(offering.lastReply().lines()).as(row.verb()).containsAll(row.keywords());
    }
  }

  @Test
  void aRowMustSayWhatTheClientIsToldInEveryStateItIsNotAllowedIn() {
    SmtpCommandSpec.Builder<SmtpCommand.Noop> row =
        SmtpCommandSpec.command("NOOP", SmtpCommand.Noop.class, SessionCommands::noop)
            .allowedIn(SmtpState.GREETED);
    assertThatThrownBy(row::build).isInstanceOf(IllegalArgumentException.class);
    row.outOfSequence(SmtpState.IN_TRANSACTION, "Not now")
        .outOfSequence(SmtpState.CONNECTED, "Greet first");
    assertThat(row.build().refusalIn(SmtpState.MAIL).reply().toString()).contains("Not now");
  }

  @Test
  void theSessionMovesThroughTheStatesTheTableAllows() {
    RecordingTransport transport = new RecordingTransport(false);
    SmtpSession session = new SmtpSession(services, transport);
    assertThat(session.conversation().state()).isEqualTo(SmtpState.CONNECTED);
    session.onInput(command(new SmtpCommand.Ehlo("client.example")));
    assertThat(session.conversation().state()).isEqualTo(SmtpState.GREETED);
    session.onInput(
        command(new SmtpCommand.Mail("a@far.example", OptionalLong.empty(), null, false)));
    assertThat(session.conversation().state()).isEqualTo(SmtpState.MAIL);

    // RFC 3030 §2: a refused BDAT is answered after its chunk.
    session.onInput(command(new SmtpCommand.Bdat(3, false)));
    int before = transport.replies.size();
    session.onInput(chunk("abc", false));
    assertThat(transport.replies).hasSize(before + 1);
    assertThat(transport.lastReply().toString()).contains("503 5.5.1 No valid recipients");

    session.onInput(command(new SmtpCommand.Rcpt("hello@example.com")));
    assertThat(session.conversation().state()).isEqualTo(SmtpState.RCPT);
    session.onInput(command(new SmtpCommand.Bdat(4, false)));
    session.onInput(chunk("ab\r\n", false));
    assertThat(session.conversation().state()).isEqualTo(SmtpState.BDAT);
    session.onInput(command(new SmtpCommand.Rcpt("hello@example.com")));
    assertThat(session.conversation().state())
        .as("a recipient between chunks")
        .isEqualTo(SmtpState.BDAT);
    session.onInput(command(new SmtpCommand.Data()));
    assertThat(transport.lastReply().toString()).contains("503 5.5.1 DATA after BDAT");
    assertThat(transport.resumed).as("the reader, paused after DATA, reads on").isEqualTo(1);

    session.onInput(command(new SmtpCommand.Rset()));
    assertThat(session.conversation().state()).isEqualTo(SmtpState.GREETED);
    session.onInput(command(new SmtpCommand.Quit()));
    assertThat(session.conversation().state()).isEqualTo(SmtpState.CLOSED);
    assertThat(transport.closed).isTrue();
  }

  private static SmtpInput command(SmtpCommand command) {
    return new SmtpInput.Command(command);
  }

  private static SmtpInput chunk(String content, boolean last) {
    byte[] bytes = content.getBytes(StandardCharsets.US_ASCII);
    return new SmtpInput.Chunk(bytes, bytes.length, last, false);
  }

  /** The connection side of a session, kept in memory: what it was told, in order. */
  private static final class RecordingTransport implements Transport {
    final List<SmtpReply> replies = new CopyOnWriteArrayList<>();
    final boolean tlsOffered;
    int resumed;
    boolean closed;

    RecordingTransport(boolean tlsOffered) {
      this.tlsOffered = tlsOffered;
    }

    SmtpReply lastReply() {
      return replies.get(replies.size() - 1);
    }

    @Override
    public void reply(SmtpReply reply) {
      replies.add(reply);
    }

    @Override
    public void startData() {}

    @Override
    public void resumeCommands() {
      resumed++;
    }

    @Override
    public void startTls(SmtpReply ready) {
      replies.add(ready);
    }

    @Override
    public void close() {
      closed = true;
    }

    @Override
    public boolean isSecure() {
      return false;
    }

    @Override
    public boolean canStartTls() {
      return tlsOffered;
    }

    @Override
    public Optional<String> tlsDescription() {
      return Optional.empty();
    }

    @Override
    public InetAddress remoteAddress() {
      return InetAddress.getLoopbackAddress();
    }

    @Override
    public void readSaslResponse() {}

    @Override
    public dev.mailvault.protocol.exec.SerialExecutor sessionExecutor() {
      return new dev.mailvault.protocol.exec.SerialExecutor(Runnable::run);
    }
  }
}
