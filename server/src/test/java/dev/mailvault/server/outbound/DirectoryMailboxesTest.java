package dev.mailvault.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.jdbc.DirectoryOptions;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.outbound.LocalMailboxes.UnknownMailboxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue's local recipients resolve as the MX resolves them, on a real directory. */
class DirectoryMailboxesTest {

  @TempDir Path data;
  private Directory directory;
  private final List<String> deliveredTo = new ArrayList<>();
  private final MailDelivery delivery =
      (message, recipients) -> recipients.forEach(r -> deliveredTo.add(r.vaultId()));

  @BeforeEach
  void setUp() throws Exception {
    directory = SqliteDirectory.open(data, Optional.empty(), DirectoryOptions.defaults());
    directory.addDomain(DomainName.parse("home.test"));
    directory.addAlias(EmailAddress.parse("alice@home.test"));
    directory.addAlias(EmailAddress.parse("carl@home.test"));
    directory.addAlias(EmailAddress.parse("dora@home.test"));
    directory.setEnabled(EmailAddress.parse("dora@home.test"), false);
  }

  @AfterEach
  void tearDown() {
    directory.close();
  }

  private String vault(String address) throws Exception {
    return directory.findAlias(EmailAddress.parse(address)).orElseThrow().vaultId();
  }

  private void deliver(DirectoryMailboxes mailboxes, String address) throws Exception {
    mailboxes.deliver(address, "", new byte[] {'x'}, Instant.EPOCH);
  }

  @Test
  void servesTheDirectorysDomainsOnly() {
    DirectoryMailboxes mailboxes = new DirectoryMailboxes(directory, delivery, Optional.empty());
    assertThat(mailboxes.serves("HOME.test")).isTrue();
    assertThat(mailboxes.serves("remote.test")).isFalse();
    assertThat(mailboxes.serves("not a domain")).isFalse();
  }

  @Test
  void subAddressesAndPostmasterResolveAsAtTheMx() throws Exception {
    DirectoryMailboxes mailboxes = new DirectoryMailboxes(directory, delivery, Optional.empty());
    deliver(mailboxes, "carl+news@home.test");
    deliver(mailboxes, "postmaster@home.test");
    deliver(mailboxes, "Postmaster");
    // RFC 5321 §4.5.1 and ADR 0178: postmaster is the oldest enabled alias when none is set.
    assertThat(deliveredTo)
        .containsExactly(
            vault("carl@home.test"), vault("alice@home.test"), vault("alice@home.test"));

    deliveredTo.clear();
    DirectoryMailboxes configured =
        new DirectoryMailboxes(
            directory, delivery, Optional.of(EmailAddress.parse("carl@home.test")));
    deliver(configured, "postmaster@home.test");
    assertThat(deliveredTo).containsExactly(vault("carl@home.test"));
  }

  @Test
  void unknownMalformedAndDisabledAddressesAreUnknownMailboxes() {
    DirectoryMailboxes mailboxes = new DirectoryMailboxes(directory, delivery, Optional.empty());
    for (String address : List.of("nobody@home.test", "dora@home.test", "no at sign")) {
      assertThatThrownBy(() -> deliver(mailboxes, address))
          .as(address)
          .isInstanceOf(UnknownMailboxException.class)
          .message()
          .doesNotContain(address);
    }
    assertThat(deliveredTo).isEmpty();
  }
}
