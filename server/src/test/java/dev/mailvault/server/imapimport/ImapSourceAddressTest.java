package dev.mailvault.server.imapimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.error.MailvaultException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code imap[s]://user@host[:port]} as the user types it after {@code import --from}. */
class ImapSourceAddressTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "imap://me@mail.example.org       | false | mail.example.org | 143  | me",
        "imaps://me@mail.example.org      | true  | mail.example.org | 993  | me",
        "IMAPS://me@mail.example.org:1993 | true  | mail.example.org | 1993 | me",
        "imap://me@127.0.0.1:10143/       | false | 127.0.0.1        | 10143 | me",
        "imap://me@[::1]                  | false | ::1              | 143  | me",
        "imaps://me@[2001:db8::7]:9993    | true  | 2001:db8::7      | 9993 | me",
        "imap://hello%40example.com@host  | false | host             | 143  | hello@example.com",
        "imap://hello@example.com@host:1  | false | host             | 1    | hello@example.com",
        "imap://J%C3%BCrgen@host:65535    | false | host             | 65535 | Jürgen",
        "imap://Jürgen@host               | false | host             | 143  | Jürgen",
        "imap://a%2fb%3Ac@host            | false | host             | 143  | a/b:c",
      })
  void parsesSchemeHostPortAndDecodedUser(
      String url, boolean implicitTls, String host, int port, String user) throws Exception {
    assertThat(ImapSourceAddress.parse(url))
        .isEqualTo(new ImapSourceAddress(implicitTls, host, port, user));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "imap://me:secret@host           | do not put the password in the source URL",
        "imap://hello%40example.com:s@h  | do not put the password in the source URL",
        "imap://me@host/INBOX            | names a server, not a folder",
        "imap://me@host:143/Archive/2023 | names a server, not a folder",
        "pop3://me@host                  | unknown scheme 'pop3'",
        "https://me@host                 | unknown scheme 'https'",
        "me@host                         | expected imap://user@host[:port]",
        "imap://host                     | has no user name",
        "imap://@host                    | has no user name",
        "imap://me@                      | has no host",
        "imap://me@:143                  | has no host",
        "imap://me@host:                 | port is not a number from 1 to 65535",
        "imap://me@host:0                | port is not a number from 1 to 65535",
        "imap://me@host:65536            | port is not a number from 1 to 65535",
        "imap://me@host:imap             | port is not a number from 1 to 65535",
        "imap://me@host:-1               | port is not a number from 1 to 65535",
        "imap://me@[::1]:99999           | port is not a number from 1 to 65535",
        "imap://me@[::1                  | unclosed IPv6 literal",
        "imap://me@[::1]143              | text after the IPv6 literal",
        "imap://me%4@host                | broken %-escape",
        "imap://me%zz@host               | broken %-escape",
        "imap://me;AUTH=PLAIN@host       | ;AUTH= part is not supported",
      })
  void refusesWithOneReadableLine(String url, String expected) {
    assertThatThrownBy(() -> ImapSourceAddress.parse(url))
        .isInstanceOf(MailvaultException.class)
        .hasMessageContaining(expected)
        .hasMessageNotContaining("\n");
  }

  @Test
  void theMessageOfARefusedPasswordDoesNotRepeatThePassword() {
    assertThatThrownBy(() -> ImapSourceAddress.parse("imap://me:hunter2-secret@host"))
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void printsBracketsAroundAnIpv6HostAndNeverAPassword() throws Exception {
    assertThat(ImapSourceAddress.parse("imaps://me@[::1]").toString())
        .isEqualTo("imaps://me@[::1]:993");
    assertThat(ImapSourceAddress.parse("imap://hello%40example.com@h").toString())
        .isEqualTo("imap://hello@example.com@h:143");
  }

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  /**
   * Any user name, percent-encoded whole (as URLEncoder does, '+' for space aside), parses back to
   * itself with any host form and port; the printed form parses back to the same source.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void anEncodedUserHostAndPortComeBackAsTheyWere(long seed) throws Exception {
    Random random = new Random(seed);
    String user = randomUser(random);
    String host =
        switch (random.nextInt(3)) {
          case 0 -> "mail" + random.nextInt(100) + ".example.org";
          case 1 -> random.nextInt(256) + "." + random.nextInt(256) + ".0." + random.nextInt(256);
          default -> Integer.toHexString(0x2001) + ":db8::" + Integer.toHexString(random.nextInt());
        };
    boolean implicitTls = random.nextBoolean();
    boolean withPort = random.nextBoolean();
    int port = withPort ? 1 + random.nextInt(65535) : implicitTls ? 993 : 143;
    String encoded = URLEncoder.encode(user, StandardCharsets.UTF_8).replace("+", "%20");
    String url =
        (implicitTls ? "imaps" : "imap")
            + "://"
            + encoded
            + "@"
            + (host.indexOf(':') >= 0 ? "[" + host + "]" : host)
            + (withPort ? ":" + port : "")
            + (random.nextInt(4) == 0 ? "/" : "");

    ImapSourceAddress parsed = ImapSourceAddress.parse(url);

    assertThat(parsed).as(url).isEqualTo(new ImapSourceAddress(implicitTls, host, port, user));
    if (user.chars().noneMatch(c -> c == ':' || c == '/' || c == ';' || c == '%')) {
      assertThat(ImapSourceAddress.parse(parsed.toString())).as(url).isEqualTo(parsed);
    }
  }

  private static String randomUser(Random random) {
    String alphabet = "abcxyzABC019._-+@:/;% äöüß€✓";
    StringBuilder user = new StringBuilder();
    int length = 1 + random.nextInt(24);
    for (int i = 0; i < length; i++) {
      user.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    if (random.nextInt(8) == 0) {
      user.appendCodePoint(0x1F600); // outside the BMP: a surrogate pair, four UTF-8 bytes
    }
    return user.toString();
  }
}
