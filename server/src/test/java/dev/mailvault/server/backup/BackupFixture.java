package dev.mailvault.server.backup;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.Directories;
import dev.mailvault.server.Vaults;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.spool.SpoolStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A real data directory with an alias whose vault holds known mail, built in this JVM through the
 * directory and store APIs, then closed so that CLI processes and servers can use it. In the
 * cluster fixture the directory is the cluster's database and the vaults are in its storage: what
 * {@link TestedNode#offline} says.
 */
public final class BackupFixture {

  public static final String PASSWORD = "correct horse battery staple";
  public static final String SUBJECT_MARK = "Zanzibar-quarterly-figures";
  public static final String BODY_MARK = "plaintext-body-marker-4711";

  private BackupFixture() {}

  public static Settings settings(Path data) throws Exception {
    return Settings.resolve(Map.of(Setting.DATA, data.toString()), Map.of(), null);
  }

  /** Adds the domain (if needed) and the alias with {@link #PASSWORD}. */
  public static void addAlias(Path data, String address) throws Exception {
    Settings settings = TestedNode.offline(data);
    DataLayout layout = DataLayout.open(settings);
    try (Directory directory = Directories.open(layout, settings);
        VaultStore vaults = Vaults.open(layout, settings)) {
      EmailAddress parsed = EmailAddress.parse(address);
      if (directory.listDomains().stream().noneMatch(d -> d.name().equals(parsed.domain()))) {
        directory.addDomain(parsed.domain());
      }
      new AliasLifecycle(directory, vaults, new SpoolStore(layout.spool()))
          .create(parsed, PASSWORD.toCharArray())
          .close();
    }
  }

  /** Appends {@code count} messages to INBOX, numbered from {@code first}. */
  public static void append(Path data, String address, int first, int count) throws Exception {
    Settings settings = TestedNode.offline(data);
    DataLayout layout = DataLayout.open(settings);
    try (Directory directory = Directories.open(layout, settings);
        VaultStore vaults = Vaults.open(layout, settings);
        UnlockedAlias alias = directory.unlock(address, PASSWORD.toCharArray());
        Vault vault =
            vaults.open(
                alias.vaultId(), alias.dataKey().bytes(), directory.quotaLedger(alias.vaultId()))) {
      for (int i = first; i < first + count; i++) {
        vault.append("INBOX", message(address, i));
      }
      // leave the vault settled: its full-text index is written after the appends (ADR 0220)
      vault.indexTextNow();
    }
  }

  public static NewMessage message(String address, int n) {
    String raw =
        "From: "
            + address
            + "\r\nTo: "
            + address
            + "\r\nSubject: "
            + SUBJECT_MARK
            + " "
            + n
            + "\r\nMessage-ID: <m"
            + n
            + "@fixture>\r\n\r\n"
            + (BODY_MARK + " " + n + "\r\n").repeat(20);
    return new NewMessage(
        raw.getBytes(StandardCharsets.UTF_8),
        Flags.of(SystemFlag.SEEN).withKeywords("$Label" + (n % 3)),
        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(n));
  }

  /** The UIDs in INBOX, read with the password. */
  public static long[] inboxUids(Path data, String address) throws Exception {
    Settings settings = TestedNode.offline(data);
    DataLayout layout = DataLayout.open(settings);
    try (Directory directory = Directories.open(layout, settings);
        VaultStore vaults = Vaults.open(layout, settings);
        UnlockedAlias alias = directory.unlock(address, PASSWORD.toCharArray());
        Vault vault =
            vaults.open(
                alias.vaultId(), alias.dataKey().bytes(), directory.quotaLedger(alias.vaultId()))) {
      return vault.uids("INBOX");
    }
  }
}
