package dev.mailvault.server.imapimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import dev.mailvault.store.importer.MailImport;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports from a live Mailvault server in its own JVM, seeded over IMAP APPEND with a few hundred
 * messages in nested folders: everything arrives equal, a re-run adds nothing, an import cut off by
 * killing the source ends with each message exactly once, and a folder whose UIDVALIDITY changed is
 * not imported twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImapImportTest {

  private static final SourceSecurity TEST_CERTIFICATE = new SourceSecurity(false, true);

  private final SeededMail mail = SeededMail.generate(20_240_501L, 320);
  private MailvaultSource source;
  private VaultStore vaults;
  private Vault vault;

  @BeforeAll
  void seedSource(@TempDir Path dir) throws Exception {
    source = MailvaultSource.start(dir);
    mail.appendTo(source.port(), MailvaultSource.USER, MailvaultSource.PASSWORD);
  }

  @AfterAll
  void stopSource() {
    if (source != null) {
      source.close();
    }
  }

  @BeforeEach
  void openTarget(@TempDir Path dir) throws Exception {
    vaults = new VaultStore(VaultStoreConfig.defaults(dir));
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    vault = vaults.create("target", key, QuotaLedger.UNLIMITED);
  }

  @AfterEach
  void closeTarget() {
    vault.close();
    vaults.close();
  }

  @Test
  void copiesEveryFolderMessageFlagAndDateAndAReRunAddsNothing() throws Exception {
    ImapImportReport first = importOnce(ImapImportListener.NONE);

    assertThat(first.added()).isEqualTo(mail.messages().size());
    assertThat(first.alreadyImported()).isZero();
    mail.assertHeldBy(vault);
    assertThat(vault.subscriptions()).contains("Archive/2023/Q1", "Projects/Übersicht & Pläne");

    ImapImportReport second = importOnce(ImapImportListener.NONE);

    assertThat(second.added()).isZero();
    assertThat(second.bytes()).as("nothing downloaded again").isZero();
    assertThat(second.alreadyImported()).isEqualTo(mail.messages().size());
    mail.assertHeldBy(vault);
  }

  @Test
  void anImportCutOffByKillingTheSourceEndsWithEachMessageOnce() throws Exception {
    AtomicLong planned = new AtomicLong();
    AtomicLong done = new AtomicLong();
    AtomicBoolean killed = new AtomicBoolean();
    ImapImportListener killHalfway =
        new ImapImportListener() {
          @Override
          public void planned(long messages, long bytes) {
            planned.set(messages);
          }

          @Override
          public void done(long messages, long bytes) {
            if (done.addAndGet(messages) >= planned.get() / 2
                && killed.compareAndSet(false, true)) {
              try {
                source.kill();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }
        };
    try {
      assertThatThrownBy(() -> importOnce(killHalfway))
          .isInstanceOf(SourceConnectionException.class)
          .hasMessageContaining("lost the connection")
          .hasMessageContaining("run the import again");
    } finally {
      source.restart();
    }
    long storedBeforeResume = countAll();
    assertThat(storedBeforeResume).isBetween(1L, (long) mail.messages().size() - 1);

    ImapImportReport resumed = importOnce(ImapImportListener.NONE);

    assertThat(resumed.alreadyImported()).isEqualTo(storedBeforeResume);
    assertThat(resumed.added()).isEqualTo(mail.messages().size() - storedBeforeResume);
    mail.assertHeldBy(vault);
  }

  @Test
  void aFolderWhoseUidValidityChangedIsMatchedByContentNotCopiedAgain() throws Exception {
    importOnce(ImapImportListener.NONE);
    long before = recreateOnSource("Lists/java-dev");
    assertThat(before).as("the source's UIDVALIDITY changed").isNotZero();

    ImapImportReport again = importOnce(ImapImportListener.NONE);

    int inFolder = mail.in("Lists/java-dev").size();
    assertThat(again.added()).isZero();
    assertThat(again.alreadyPresent()).isEqualTo(inFolder);
    assertThat(again.alreadyImported()).isEqualTo(mail.messages().size() - inFolder);
    mail.assertHeldBy(vault);
  }

  @Test
  void importsOverImplicitTlsFromTheSourcesSelfSignedCertificate() throws Exception {
    ImapSourceAddress imaps = ImapSourceAddress.parse(source.imapsUrl());
    assertThat(imaps.implicitTls()).isTrue();

    ImapImportReport report = importOnce(imaps, ImapImportListener.NONE);

    assertThat(report.added()).isEqualTo(mail.messages().size());
    mail.assertHeldBy(vault);
  }

  @Test
  void anUntrustedCertificateOnImapsIsOneLineWithTheHint() throws Exception {
    ImapSourceAddress imaps = ImapSourceAddress.parse(source.imapsUrl());
    assertThatThrownBy(
            () ->
                ImapSourceSession.connect(
                    imaps, MailvaultSource.PASSWORD.toCharArray(), SourceSecurity.STRICT))
        .isInstanceOf(SourceConnectionException.class)
        .hasMessageStartingWith("TLS with 127.0.0.1 failed (its certificate is not signed by")
        .hasMessageEndingWith("add --trust-any-certificate")
        .hasMessageNotContaining("Exception")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aWrongSourcePasswordIsOneClearLine() throws Exception {
    assertThatThrownBy(
            () ->
                ImapSourceSession.connect(
                    source.address(), "not it at all".toCharArray(), TEST_CERTIFICATE))
        .isInstanceOf(SourceConnectionException.class)
        .hasMessageStartingWith("the source server refused the login of source@example.com")
        .hasMessageNotContaining("\n");
  }

  private ImapImportReport importOnce(ImapImportListener listener) throws Exception {
    return importOnce(source.address(), listener);
  }

  private ImapImportReport importOnce(ImapSourceAddress address, ImapImportListener listener)
      throws Exception {
    try (ImapSourceSession session =
        ImapSourceSession.connect(
            address, MailvaultSource.PASSWORD.toCharArray(), TEST_CERTIFICATE)) {
      return new ImapImport(session, address, vault, new MailImport(vault), listener).run();
    }
  }

  private long countAll() throws Exception {
    long count = 0;
    for (String folder : SeededMail.FOLDERS) {
      count += vault.uids(folder).length;
    }
    return count;
  }

  /**
   * Gives a source folder a new UIDVALIDITY with the same messages, flags and dates: COPY to a new
   * folder, DELETE the old one, RENAME the copy into its place (RFC 9051 §6.4.7, §6.3.5, §6.3.6).
   *
   * @return the new UIDVALIDITY minus the old one
   */
  private long recreateOnSource(String name) throws Exception {
    Properties props = new Properties();
    props.put("mail.imap.starttls.enable", "true");
    props.put("mail.imap.ssl.trust", "*");
    IMAPStore store = (IMAPStore) Session.getInstance(props).getStore("imap");
    store.connect("127.0.0.1", source.port(), MailvaultSource.USER, MailvaultSource.PASSWORD);
    try {
      IMAPFolder folder = (IMAPFolder) store.getFolder(name);
      folder.open(Folder.READ_ONLY);
      long old = folder.getUIDValidity();
      Folder copy = store.getFolder(name + "-copy");
      copy.create(Folder.HOLDS_MESSAGES);
      folder.copyMessages(folder.getMessages(), copy);
      folder.close(false);
      folder.delete(false);
      copy.renameTo(store.getFolder(name));
      IMAPFolder renamed = (IMAPFolder) store.getFolder(name);
      renamed.open(Folder.READ_ONLY);
      long now = renamed.getUIDValidity();
      renamed.close(false);
      return now - old;
    } finally {
      store.close();
    }
  }
}
