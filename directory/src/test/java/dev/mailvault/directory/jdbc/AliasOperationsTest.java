package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Fixtures.address;
import static dev.mailvault.directory.jdbc.Fixtures.domain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.crypto.SpoolSealer;
import dev.mailvault.directory.AliasExistsException;
import dev.mailvault.directory.AliasInfo;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.AuthenticationFailedException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.directory.QuotaLimits;
import dev.mailvault.directory.RemovedAlias;
import dev.mailvault.directory.UnknownAliasException;
import dev.mailvault.directory.UnknownDomainException;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.directory.Usage;
import dev.mailvault.directory.WeakPasswordException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AliasOperationsTest {

  private static final char[] PASSWORD = "correct horse battery".toCharArray();

  @TempDir Path data;
  private Directory directory;

  @BeforeEach
  void open() throws Exception {
    directory = Fixtures.open(data, new CountingKdf());
    directory.addDomain(domain("example.com"));
  }

  @AfterEach
  void close() {
    directory.close();
  }

  @Test
  void addsAnAliasWithAGeneratedPasswordShownOnce() throws Exception {
    char[] shown;
    String vaultId;
    try (NewAlias alias = directory.addAlias(address("Hello@Example.com"))) {
      assertThat(alias.generatedPassword()).isPresent();
      shown = alias.generatedPassword().get().clone();
      vaultId = alias.vaultId();
      assertThat(alias.dataKey().length()).isEqualTo(32);
      assertThat(alias.address()).hasToString("Hello@example.com");
      assertThat(alias.toString()).doesNotContain(new String(shown));
    }
    assertThat(new String(shown)).matches("[A-Za-z0-9]{24}");
    assertThat(vaultId).matches("[0-9a-f]{32}");
    try (UnlockedAlias unlocked = directory.unlock("hello@example.com", shown)) {
      assertThat(unlocked.vaultId()).isEqualTo(vaultId);
    }
  }

  @Test
  void closingTheResultZeroesThePasswordAndDestroysTheKey() throws Exception {
    NewAlias alias = directory.addAlias(address("hello@example.com"));
    char[] password = alias.generatedPassword().orElseThrow();
    alias.close();
    assertThat(password).hasSize(24).containsOnly('\0');
    assertThat(alias.dataKey().isDestroyed()).isTrue();
  }

  @Test
  void addsAnAliasWithAChosenPassword() throws Exception {
    try (NewAlias alias = directory.addAlias(address("hello@example.com"), PASSWORD)) {
      assertThat(alias.generatedPassword()).isEmpty();
    }
    directory.unlock("hello@example.com", PASSWORD).close();
  }

  @Test
  void refusesChosenPasswordsShorterThanTwelveCharacters() {
    assertThatThrownBy(
            () -> directory.addAlias(address("hello@example.com"), "elevenchars".toCharArray()))
        .isInstanceOf(WeakPasswordException.class)
        .hasMessage("the password is too short: it needs at least 12 characters");
    assertThat(directory.listAliases()).isEmpty();
  }

  @Test
  void refusesAPasswordWithAStrayNewline() {
    assertThatThrownBy(
            () -> directory.addAlias(address("hello@example.com"), "twelve chars\n".toCharArray()))
        .isInstanceOf(WeakPasswordException.class)
        .hasMessage("the password contains a control character (a stray newline?)");
  }

  @Test
  void refusesAnAliasInAnUnknownDomain() {
    assertThatThrownBy(() -> directory.addAlias(address("hello@nowhere.example")))
        .isInstanceOf(UnknownDomainException.class)
        .hasMessage("no such domain");
  }

  @Test
  void refusesADuplicateAliasCaseInsensitively() throws Exception {
    directory.addAlias(address("hello@example.com")).close();
    assertThatThrownBy(() -> directory.addAlias(address("HeLLo@EXAMPLE.COM")))
        .isInstanceOf(AliasExistsException.class)
        .hasMessage("the alias already exists");
    assertThat(directory.listAliases()).hasSize(1);
  }

  @Test
  void listsAliasesWithTheirVaultStateAndQuota() throws Exception {
    directory.addDomain(domain("example.org"));
    String vault;
    try (NewAlias a = directory.addAlias(address("Zed@example.com"))) {
      vault = a.vaultId();
    }
    directory.addAlias(address("amy@example.com")).close();
    directory.addAlias(address("bob@example.org")).close();
    directory.setAliasQuota(address("zed@example.com"), QuotaLimits.of(10_000, 10));
    directory.quotaLedger(vault).reserve(1_234, 1);

    assertThat(directory.listAliases())
        .extracting(a -> a.address().toString())
        .containsExactly("amy@example.com", "Zed@example.com", "bob@example.org");
    AliasInfo zed = directory.listAliases(domain("example.com")).get(1);
    assertThat(zed.vaultId()).isEqualTo(vault);
    assertThat(zed.enabled()).isTrue();
    assertThat(zed.limits()).isEqualTo(QuotaLimits.of(10_000, 10));
    assertThat(zed.usage()).isEqualTo(new Usage(1_234, 1));
    assertThat(zed.created()).isNotNull();
    assertThat(directory.listAliases(domain("example.org"))).hasSize(1);
  }

  @Test
  void listingAnUnknownDomainSaysSo() {
    assertThatThrownBy(() -> directory.listAliases(domain("nowhere.example")))
        .isInstanceOf(UnknownDomainException.class);
  }

  @Test
  void removesAnAliasAndReturnsTheVaultToDelete() throws Exception {
    String vault;
    try (NewAlias a = directory.addAlias(address("hello@example.com"), PASSWORD)) {
      vault = a.vaultId();
    }
    directory.quotaLedger(vault).reserve(700, 3);

    RemovedAlias removed = directory.removeAlias(address("HELLO@example.com"));

    assertThat(removed.vaultId()).isEqualTo(vault);
    assertThat(directory.listAliases()).isEmpty();
    assertThat(directory.findAlias(address("hello@example.com"))).isEmpty();
    assertThat(directory.account().usage()).isEqualTo(Usage.NONE);
    assertThat(directory.listDomains().get(0).usage()).isEqualTo(Usage.NONE);
    assertThatThrownBy(() -> directory.unlock("hello@example.com", PASSWORD))
        .isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void removingAnUnknownAliasSaysSo() {
    assertThatThrownBy(() -> directory.removeAlias(address("nobody@example.com")))
        .isInstanceOf(UnknownAliasException.class)
        .hasMessage("no such alias");
  }

  @Test
  void aDisabledAliasCannotUnlockUntilEnabledAgain() throws Exception {
    directory.addAlias(address("hello@example.com"), PASSWORD).close();
    directory.setEnabled(address("hello@example.com"), false);

    assertThat(directory.listAliases().get(0).enabled()).isFalse();
    assertThat(directory.findAlias(address("hello@example.com")).orElseThrow().enabled()).isFalse();
    assertThatThrownBy(() -> directory.unlock("hello@example.com", PASSWORD))
        .isInstanceOf(AuthenticationFailedException.class)
        .hasMessage("authentication failed");

    directory.setEnabled(address("hello@example.com"), true);
    directory.unlock("hello@example.com", PASSWORD).close();
  }

  @Test
  void enablingAnUnknownAliasSaysSo() {
    assertThatThrownBy(() -> directory.setEnabled(address("nobody@example.com"), true))
        .isInstanceOf(UnknownAliasException.class);
  }

  @Test
  void findsRoutingDataWhoseKeySealsForTheUnlockedAlias() throws Exception {
    String vault;
    try (NewAlias a = directory.addAlias(address("hello@example.com"), PASSWORD)) {
      vault = a.vaultId();
    }
    AliasRoute route = directory.findAlias(address("HELLO@example.com")).orElseThrow();
    assertThat(route.vaultId()).isEqualTo(vault);
    assertThat(route.enabled()).isTrue();

    byte[] mail = "Subject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] sealed = SpoolSealer.seal(route.spoolPublicKey(), mail, vault.getBytes());
    try (UnlockedAlias unlocked = directory.unlock("hello@example.com", PASSWORD)) {
      assertThat(SpoolSealer.open(unlocked.spoolPrivateKey(), sealed, vault.getBytes()))
          .isEqualTo(mail);
    }
    assertThat(directory.findAlias(address("nobody@example.com"))).isEmpty();
  }
}
