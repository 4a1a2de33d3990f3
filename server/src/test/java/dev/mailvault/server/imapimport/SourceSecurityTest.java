package dev.mailvault.server.imapimport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * When the source password may go out without TLS (ADR 0145): to this machine always, elsewhere
 * only with {@code --insecure}. The hosts are IP literals and names that resolve without DNS.
 */
class SourceSecurityTest {

  private static final SourceSecurity INSECURE = new SourceSecurity(true, false);

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "imap://me@127.0.0.1:10143         | true",
        "imap://me@127.8.9.10              | true",
        "imap://me@localhost               | true",
        "imap://me@[::1]                   | true",
        "imap://me@[::ffff:127.0.0.1]      | true",
        "imap://me@192.0.2.1               | false",
        "imap://me@10.1.2.3                | false",
        "imap://me@[2001:db8::1]           | false",
        "imap://me@0.0.0.0                 | false",
        "imap://me@[::]                    | false",
        "imap://me@no-such-host.invalid    | false",
      })
  void withoutInsecureOnlyALoopbackHostGetsThePasswordInClear(String url, boolean allowed)
      throws Exception {
    ImapSourceAddress address = ImapSourceAddress.parse(url);

    assertThat(SourceSecurity.STRICT.allowsLoginWithoutTls(address)).isEqualTo(allowed);
    assertThat(new SourceSecurity(false, true).allowsLoginWithoutTls(address))
        .as("--trust-any-certificate is about certificates, not about TLS itself")
        .isEqualTo(allowed);
    assertThat(INSECURE.allowsLoginWithoutTls(address)).as("--insecure").isTrue();
  }
}
