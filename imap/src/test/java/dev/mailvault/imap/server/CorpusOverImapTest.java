package dev.mailvault.imap.server;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.imap.fetch.CorpusComparison;
import dev.mailvault.store.Vault;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 3: the golden corpus (core/src/test/resources/mime-corpus) matched over IMAP. Every corpus
 * message is stored in the INBOX of a live server's alias, then one real connection LOGINs, SELECTs
 * INBOX and sends every recorded {@code UID FETCH} as recorded (only tag and UID adapted); the
 * answers read off the socket are compared with the reference server's by {@link
 * CorpusComparison}'s rules and deviations, the same as {@code FetchCorpusTest} applies to the
 * renderer alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorpusOverImapTest {

  private static final String ALIAS = "hello@example.com";
  private static final Pattern LITERAL_AT_END = Pattern.compile("~?\\{(\\d+)\\}$");
  private static final Pattern FETCH = Pattern.compile("\\* (\\d+) FETCH ");
  private static final Pattern TAGGED = Pattern.compile("^(\\S+) (OK|NO|BAD)( \\[[^\\]]*\\])?");

  private final CorpusComparison comparison = new CorpusComparison();
  private final Map<String, Long> uids = new HashMap<>();
  private final List<Long> sorted = new ArrayList<>();
  private LiveImapServer server;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private int tags;

  @BeforeAll
  void storeTheCorpusAndConnect(@TempDir Path data) throws Exception {
    server = LiveImapServer.start(data);
    server.addAlias(ALIAS);
    try (Vault vault = server.openVault(ALIAS)) {
      for (String name : corpus().toList()) {
        uids.put(name, vault.append("INBOX", NewMessage.of(CorpusComparison.message(name))).uid());
      }
    }
    sorted.addAll(uids.values());
    sorted.sort(null);
    socket = new Socket("127.0.0.1", server.port());
    socket.setSoTimeout(30_000);
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
    assertThat(TranscriptRunner.readLine(in)).startsWith("* OK");
    assertThat(command("LOGIN " + ALIAS + " \"" + LiveImapServer.PASSWORD + "\"").status())
        .startsWith("OK");
    Reply select = command("SELECT INBOX");
    assertThat(select.status()).startsWith("OK");
    assertThat(select.untagged()).contains("* " + uids.size() + " EXISTS\r\n");
  }

  @AfterAll
  void report() throws Exception {
    if (server == null) {
      return;
    }
    try {
      if (socket != null) {
        assertThat(command("LOGOUT").status()).isEqualTo("OK");
        socket.close();
      }
      // The corpus commands all PEEK: after the whole replay no message is \Seen.
      try (Vault vault = server.openVault(ALIAS)) {
        List<MessageMeta> all = vault.messages("INBOX", UidSet.all());
        assertThat(all).hasSize(uids.size());
        assertThat(all).noneMatch(m -> m.flags().has(SystemFlag.SEEN));
      }
    } finally {
      server.close();
    }
    System.out.printf(
        "FETCH corpus over IMAP: %d items match the reference server, %d allowed deviations%n",
        comparison.matched(), comparison.deviated());
    assertThat(comparison.matched()).as("items matched over the corpus").isGreaterThan(1000);
  }

  static Stream<String> corpus() throws IOException {
    return CorpusComparison.names();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void answersAsTheReferenceServerOverImap(String name) throws Exception {
    List<String> failures = comparison.check(name, uids.get(name), this::fetch);
    assertThat(failures).as(name).isEmpty();
  }

  /**
   * Sends one recorded FETCH with the server's UID. Where the reference dropped the connection the
   * answer is not compared, but this server must still answer and keep the connection: the rest of
   * the corpus follows on it.
   */
  private CorpusComparison.Answer fetch(long uid, String items, boolean expectation)
      throws IOException {
    Reply reply = command("UID FETCH " + uid + " " + items);
    List<byte[]> fetches = new ArrayList<>();
    for (byte[] response : reply.responses()) {
      Matcher fetch = FETCH.matcher(new String(response, ISO_8859_1));
      if (fetch.lookingAt()) {
        // The corpus went into an empty INBOX in order: sequence number n holds the n-th UID.
        assertThat(sorted.get(Integer.parseInt(fetch.group(1)) - 1)).isEqualTo(uid);
        fetches.add(response);
      }
    }
    return new CorpusComparison.Answer(reply.status(), fetches);
  }

  /** The untagged responses (each with its literals and CRLF) and the tagged status and code. */
  private record Reply(List<byte[]> responses, String status) {
    List<String> untagged() {
      return responses.stream().map(r -> new String(r, ISO_8859_1)).toList();
    }
  }

  private Reply command(String command) throws IOException {
    String tag = "c" + ++tags;
    out.write((tag + " " + command + "\r\n").getBytes(US_ASCII));
    out.flush();
    List<byte[]> responses = new ArrayList<>();
    while (true) {
      byte[] response = readResponse();
      String text = new String(response, ISO_8859_1);
      if (text.startsWith("* ")) {
        responses.add(response);
        continue;
      }
      Matcher tagged = TAGGED.matcher(text);
      assertThat(tagged.find()).as("a tagged completion for " + command + ": " + text).isTrue();
      assertThat(tagged.group(1)).isEqualTo(tag);
      String code = tagged.group(3) == null ? "" : tagged.group(3);
      return new Reply(responses, tagged.group(2) + code);
    }
  }

  /** One response: a line, and while it ends in a literal, its bytes and the line after. */
  private byte[] readResponse() throws IOException {
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    while (true) {
      byte[] line = readLine();
      response.write(line);
      String text = new String(line, 0, line.length - 2, ISO_8859_1);
      Matcher literal = LITERAL_AT_END.matcher(text);
      if (!literal.find()) {
        return response.toByteArray();
      }
      response.write(in.readNBytes(Integer.parseInt(literal.group(1))));
    }
  }

  private byte[] readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      assertThat(b).as("the server keeps the connection open").isNotNegative();
      line.write(b);
      if (previous == '\r' && b == '\n') {
        return line.toByteArray();
      }
      previous = b;
    }
  }
}
