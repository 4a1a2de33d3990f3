package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Fixtures.address;
import static dev.mailvault.directory.jdbc.Fixtures.domain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.directory.AliasInfo;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.DomainExistsException;
import dev.mailvault.directory.DomainInfo;
import dev.mailvault.directory.DomainNotEmptyException;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.directory.RemovedAlias;
import dev.mailvault.directory.RemovedDomain;
import dev.mailvault.directory.UnknownDomainException;
import dev.mailvault.directory.Usage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DomainOperationsTest {

  @TempDir Path data;
  private Directory directory;

  @BeforeEach
  void open() throws Exception {
    directory = Fixtures.open(data, new CountingKdf());
  }

  @AfterEach
  void close() {
    directory.close();
  }

  @Test
  void addsAndListsDomainsByName() throws Exception {
    DomainInfo added = directory.addDomain(domain("Example.ORG"));
    directory.addDomain(domain("example.com"));

    assertThat(added.name().value()).isEqualTo("example.org");
    assertThat(added.aliasCount()).isZero();
    assertThat(added.usage()).isEqualTo(Usage.NONE);
    assertThat(directory.listDomains())
        .extracting(d -> d.name().value())
        .containsExactly("example.com", "example.org");
  }

  @Test
  void knowsWhichDomainsItHasInAnyCase() throws Exception {
    directory.addDomain(domain("example.com"));

    assertThat(directory.hasDomain(domain("EXAMPLE.com"))).isTrue();
    assertThat(directory.hasDomain(domain("example.net"))).isFalse();
    directory.removeDomain(domain("example.com"), false);
    assertThat(directory.hasDomain(domain("example.com"))).isFalse();
  }

  @Test
  void refusesADuplicateDomainInAnyCase() throws Exception {
    directory.addDomain(domain("example.com"));
    assertThatThrownBy(() -> directory.addDomain(domain("EXAMPLE.com")))
        .isInstanceOf(DomainExistsException.class)
        .hasMessage("the domain already exists");
  }

  @Test
  void removesAnEmptyDomain() throws Exception {
    directory.addDomain(domain("example.com"));
    RemovedDomain removed = directory.removeDomain(domain("example.com"), false);
    assertThat(removed.aliases()).isEmpty();
    assertThat(directory.listDomains()).isEmpty();
  }

  @Test
  void removingAnUnknownDomainSaysSo() {
    assertThatThrownBy(() -> directory.removeDomain(domain("nowhere.example"), false))
        .isInstanceOf(UnknownDomainException.class)
        .hasMessage("no such domain");
  }

  @Test
  void refusesToRemoveADomainWithAliasesUnlessForced() throws Exception {
    directory.addDomain(domain("example.com"));
    directory.addAlias(address("a@example.com")).close();
    directory.addAlias(address("b@example.com")).close();

    assertThatThrownBy(() -> directory.removeDomain(domain("example.com"), false))
        .isInstanceOf(DomainNotEmptyException.class)
        .hasMessage(
            "the domain still has 2 aliases; remove them first, or force the removal to delete"
                + " them and their mailboxes");
    assertThat(directory.listAliases()).hasSize(2);
  }

  @Test
  void forcedRemovalTakesTheAliasesAndTheirUsageWithIt() throws Exception {
    directory.addDomain(domain("example.com"));
    directory.addDomain(domain("example.org"));
    String vaultA;
    String vaultB;
    try (NewAlias a = directory.addAlias(address("a@example.com"));
        NewAlias b = directory.addAlias(address("b@example.com"))) {
      vaultA = a.vaultId();
      vaultB = b.vaultId();
    }
    directory.addAlias(address("keep@example.org")).close();
    directory.quotaLedger(vaultA).reserve(1_000, 2);
    directory.quotaLedger(vaultB).reserve(500, 1);
    assertThat(directory.account().usage()).isEqualTo(new Usage(1_500, 3));

    RemovedDomain removed = directory.removeDomain(domain("example.com"), true);

    assertThat(removed.aliases())
        .extracting(RemovedAlias::vaultId)
        .containsExactlyInAnyOrder(vaultA, vaultB);
    assertThat(directory.listDomains())
        .extracting(d -> d.name().value())
        .containsExactly("example.org");
    assertThat(directory.listAliases())
        .extracting(AliasInfo::address)
        .containsExactly(address("keep@example.org"));
    assertThat(directory.account().usage()).isEqualTo(Usage.NONE);
  }

  @Test
  void countsAliasesPerDomain() throws Exception {
    directory.addDomain(domain("example.com"));
    directory.addAlias(address("a@example.com")).close();
    List<DomainInfo> domains = directory.listDomains();
    assertThat(domains).singleElement().extracting(DomainInfo::aliasCount).isEqualTo(1);
  }
}
