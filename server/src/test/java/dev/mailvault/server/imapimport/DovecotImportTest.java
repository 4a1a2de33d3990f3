package dev.mailvault.server.imapimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import dev.mailvault.store.importer.MailImport;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports from a real Dovecot (Debian's), the server people most often migrate from, with the
 * Courier-style layout the folder mapping exists for: '.' between levels and every folder below
 * {@code INBOX.}. Seeded over IMAP APPEND with nested folders, flags, keywords and internal dates;
 * skipped when Dovecot is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DovecotImportTest {

  private final SeededMail mail = SeededMail.generate(20_261_123L, 48);
  private DovecotSource source;

  @BeforeAll
  void seedSource(@TempDir Path dir) throws Exception {
    String missing = DovecotSource.missing();
    assumeTrue(missing == null, () -> "skipped: " + missing);
    source = DovecotSource.start(dir);
    mail.appendTo(source.port(), DovecotSource.USER, DovecotSource.PASSWORD);
  }

  @AfterAll
  void stopSource() {
    if (source != null) {
      source.close();
    }
  }

  @Test
  void copiesEveryFolderMessageFlagAndDateFromDovecotAndAReRunAddsNothing(@TempDir Path dir)
      throws Exception {
    assertThat(source.maildir().resolve(".Archive.2023.Q1"))
        .as("the source is Maildir++ with the INBOX. prefix, so the mapping is exercised")
        .isDirectory();
    assertThat(source.maildir().resolve(".Projects.&ANw-bersicht &- Pl&AOQ-ne")).isDirectory();

    try (VaultStore vaults = new VaultStore(VaultStoreConfig.defaults(dir));
        Vault vault = vaults.create("target", randomKey(), QuotaLedger.UNLIMITED)) {
      ImapImportReport first = importInto(vault);

      assertThat(first.added()).isEqualTo(mail.messages().size());
      assertThat(first.alreadyImported()).isZero();
      mail.assertHeldBy(vault);
      assertThat(vault.listFolders().stream().map(FolderInfo::name))
          .as("no folder keeps the INBOX. prefix or a '.' from the source's hierarchy")
          .noneMatch(name -> name.startsWith("INBOX/") || name.startsWith("INBOX."))
          .noneMatch(name -> name.contains("."));
      assertThat(vault.subscriptions())
          .contains("Archive/2023/Q1", "Projects/Übersicht & Pläne", SeededMail.EMPTY);

      ImapImportReport second = importInto(vault);

      assertThat(second.added()).isZero();
      assertThat(second.bytes()).as("nothing downloaded again").isZero();
      assertThat(second.alreadyImported()).isEqualTo(mail.messages().size());
      mail.assertHeldBy(vault);
    }
  }

  private ImapImportReport importInto(Vault vault) throws Exception {
    // Loopback: the login without TLS (Dovecot here offers no STARTTLS) is allowed, no --insecure.
    ImapSourceAddress address =
        ImapSourceAddress.parse("imap://source%40example.com@127.0.0.1:" + source.port());
    try (ImapSourceSession session =
        ImapSourceSession.connect(
            address, DovecotSource.PASSWORD.toCharArray(), SourceSecurity.STRICT)) {
      return new ImapImport(session, address, vault, new MailImport(vault), ImapImportListener.NONE)
          .run();
    }
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }
}
