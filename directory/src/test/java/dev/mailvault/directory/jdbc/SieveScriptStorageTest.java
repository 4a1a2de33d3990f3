package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Fixtures.address;
import static dev.mailvault.directory.jdbc.Fixtures.domain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.SieveLimits;
import dev.mailvault.directory.SieveScriptException;
import dev.mailvault.directory.SieveScriptException.Reason;
import dev.mailvault.directory.SieveScriptInfo;
import dev.mailvault.directory.UnknownAliasException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The aliases' Sieve scripts with RFC 5804's rules (ADR 0249). */
class SieveScriptStorageTest {

  private static final EmailAddress ALICE = address("alice@example.com");
  private static final EmailAddress BOB = address("bob@example.com");
  private static final String KEEP = "keep;\n";
  private static final String FILE = "require \"fileinto\";\nfileinto \"Lists\";\n";

  @TempDir Path data;
  private Directory directory;

  @BeforeEach
  void open() throws Exception {
    directory = Fixtures.open(data, new CountingKdf());
    directory.addDomain(domain("example.com"));
    directory.addAlias(ALICE);
    directory.addAlias(BOB);
  }

  @AfterEach
  void close() {
    directory.close();
  }

  @Test
  void storedScriptsAreListedByNameAndReadBack() throws Exception {
    directory.putSieveScript(ALICE, "work", FILE);
    directory.putSieveScript(ALICE, "Home", KEEP);

    assertThat(directory.sieveScripts(ALICE))
        .extracting(SieveScriptInfo::name, SieveScriptInfo::active, SieveScriptInfo::octets)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Home", false, (long) KEEP.length()),
            org.assertj.core.groups.Tuple.tuple("work", false, (long) FILE.length()));
    assertThat(directory.sieveScript(address("ALICE@example.com"), "work")).contains(FILE);
    assertThat(directory.sieveScript(ALICE, "WORK")).isEmpty();
    assertThat(directory.sieveScripts(BOB)).isEmpty();
  }

  @Test
  void atMostOneScriptIsActiveAndTheMxReadsIt() throws Exception {
    directory.putSieveScript(ALICE, "a", KEEP);
    directory.putSieveScript(ALICE, "b", FILE);
    assertThat(directory.activeSieveScript(ALICE)).isEmpty();

    directory.setActiveSieveScript(ALICE, Optional.of("a"));
    directory.setActiveSieveScript(ALICE, Optional.of("b"));

    assertThat(directory.activeSieveScript(address("Alice@Example.com"))).contains(FILE);
    assertThat(directory.sieveScripts(ALICE))
        .extracting(SieveScriptInfo::active)
        .containsExactly(false, true);
    assertThat(directory.activeSieveScript(BOB)).isEmpty();

    directory.setActiveSieveScript(ALICE, Optional.empty());
    assertThat(directory.activeSieveScript(ALICE)).isEmpty();
  }

  @Test
  void replacingTheActiveScriptKeepsItActive() throws Exception {
    directory.putSieveScript(ALICE, "main", KEEP);
    directory.setActiveSieveScript(ALICE, Optional.of("main"));

    directory.putSieveScript(ALICE, "main", FILE);

    assertThat(directory.activeSieveScript(ALICE)).contains(FILE);
  }

  @Test
  void theActiveScriptCannotBeDeletedOthersCan() throws Exception {
    directory.putSieveScript(ALICE, "main", KEEP);
    directory.putSieveScript(ALICE, "old", KEEP);
    directory.setActiveSieveScript(ALICE, Optional.of("main"));

    assertThatThrownBy(() -> directory.deleteSieveScript(ALICE, "main"))
        .isInstanceOfSatisfying(
            SieveScriptException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ACTIVE));
    directory.deleteSieveScript(ALICE, "old");
    assertThatThrownBy(() -> directory.deleteSieveScript(ALICE, "old"))
        .isInstanceOfSatisfying(
            SieveScriptException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_SCRIPT));
    assertThat(directory.sieveScripts(ALICE))
        .extracting(SieveScriptInfo::name)
        .containsExactly("main");
  }

  @Test
  void activatingAMissingScriptChangesNothing() throws Exception {
    directory.putSieveScript(ALICE, "main", KEEP);
    directory.setActiveSieveScript(ALICE, Optional.of("main"));

    assertThatThrownBy(() -> directory.setActiveSieveScript(ALICE, Optional.of("nope")))
        .isInstanceOfSatisfying(
            SieveScriptException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_SCRIPT));
    assertThat(directory.activeSieveScript(ALICE)).contains(KEEP);
  }

  @Test
  void renamingKeepsTheActiveMarkAndRefusesATakenName() throws Exception {
    directory.putSieveScript(ALICE, "main", KEEP);
    directory.putSieveScript(ALICE, "other", FILE);
    directory.setActiveSieveScript(ALICE, Optional.of("main"));

    assertThatThrownBy(() -> directory.renameSieveScript(ALICE, "main", "other"))
        .isInstanceOfSatisfying(
            SieveScriptException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NAME_TAKEN));
    assertThatThrownBy(() -> directory.renameSieveScript(ALICE, "gone", "new"))
        .isInstanceOfSatisfying(
            SieveScriptException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_SCRIPT));
    directory.renameSieveScript(ALICE, "main", "renamed");

    assertThat(directory.activeSieveScript(ALICE)).contains(KEEP);
    assertThat(directory.sieveScripts(ALICE))
        .extracting(SieveScriptInfo::name, SieveScriptInfo::active)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("other", false),
            org.assertj.core.groups.Tuple.tuple("renamed", true));
  }

  @Test
  void sizeCountAndNamesAreLimited() throws Exception {
    SieveLimits limits = directory.sieveLimits();
    assertThat(limits).isEqualTo(SieveLimits.DEFAULTS);
    String largest = "#".repeat(limits.maxScriptOctets() - 1) + "\n";
    directory.putSieveScript(ALICE, "big", largest);
    // Octets, not characters: one two-octet character over the limit.
    assertThatThrownBy(() -> directory.putSieveScript(ALICE, "bigger", "é" + largest.substring(1)))
        .isInstanceOfSatisfying(
            SieveScriptException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    for (int i = 1; i < limits.maxScripts(); i++) {
      directory.putSieveScript(ALICE, "s" + i, KEEP);
    }
    assertThatThrownBy(() -> directory.putSieveScript(ALICE, "one-more", KEEP))
        .isInstanceOfSatisfying(
            SieveScriptException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY));
    // Replacing one is not one more.
    directory.putSieveScript(ALICE, "s1", FILE);
    for (String bad :
        new String[] {"", "a\nb", "tab\there", "x\u2028y", "\u0085", "n".repeat(129)}) {
      assertThatThrownBy(() -> directory.putSieveScript(BOB, bad, KEEP))
          .isInstanceOfSatisfying(
              SieveScriptException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_NAME));
    }
    directory.putSieveScript(BOB, "Ünïcode ✓ 😀", KEEP);
    assertThat(directory.sieveScript(BOB, "Ünïcode ✓ 😀")).contains(KEEP);
  }

  @Test
  void unknownAliasesAreRefusedAndHaveNoActiveScript() {
    EmailAddress nobody = address("nobody@example.com");
    assertThatThrownBy(() -> directory.putSieveScript(nobody, "a", KEEP))
        .isInstanceOf(UnknownAliasException.class);
    assertThatThrownBy(() -> directory.sieveScripts(nobody))
        .isInstanceOf(UnknownAliasException.class);
    assertThat(directory.activeSieveScript(nobody)).isEmpty();
  }

  @Test
  void removingTheAliasOrItsDomainRemovesItsScripts() throws Exception {
    directory.putSieveScript(ALICE, "main", KEEP);
    directory.setActiveSieveScript(ALICE, Optional.of("main"));
    directory.putSieveScript(BOB, "main", KEEP);

    directory.removeAlias(ALICE);
    directory.addAlias(ALICE);
    assertThat(directory.sieveScripts(ALICE)).isEmpty();
    assertThat(directory.activeSieveScript(ALICE)).isEmpty();

    directory.removeDomain(domain("example.com"), true);
    directory.close();
    assertThat(rows()).isZero();
  }

  @Test
  void withAServerKeyNoScriptTextOrNameReachesTheDisk(@TempDir Path root) throws Exception {
    Fixtures.assumeSqliteFile("at-rest encryption under the server key");
    Path keyFile = root.resolve("secrets").resolve("server.key");
    ServerKeyFile.create(keyFile);
    Path encrypted = root.resolve("data");
    byte[] marker = "fileinto \"Private-Folder-4711\";".getBytes(StandardCharsets.UTF_8);
    try (Directory keyed = Fixtures.open(encrypted, keyFile, new CountingKdf())) {
      keyed.addDomain(domain("example.com"));
      keyed.addAlias(ALICE);
      keyed.putSieveScript(
          ALICE,
          "secret-filter-name",
          "require \"fileinto\";\n" + new String(marker, StandardCharsets.UTF_8) + "\n");
      keyed.setActiveSieveScript(ALICE, Optional.of("secret-filter-name"));
      assertThat(FileScan.filesContaining(encrypted, marker)).isEmpty();
    }
    assertThat(FileScan.filesContaining(encrypted, marker)).isEmpty();
    assertThat(
            FileScan.filesContaining(
                encrypted, "secret-filter-name".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    try (Directory reopened = Fixtures.open(encrypted, keyFile, new CountingKdf())) {
      assertThat(reopened.activeSieveScript(ALICE).orElseThrow()).contains("Private-Folder-4711");
    }
  }

  @Test
  void theMxLookUpUsesIndexesOnly() throws Exception {
    Fixtures.assumeSqliteFile("SQLite's query plan");
    directory.close();
    try (Connection c = plain();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "EXPLAIN QUERY PLAN "
                        + DirectorySql.ACTIVE_SIEVE_SCRIPT.replace("?", "'a@b'"))) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString(4)).append('\n');
      }
      assertThat(plan.toString())
          .contains("SEARCH a USING COVERING INDEX")
          .contains("sieve_scripts_one_active")
          .doesNotContain("SCAN");
    }
  }

  private long rows() throws Exception {
    try (Connection c = plain();
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM sieve_scripts")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Connection plain() throws Exception {
    return Fixtures.rawConnection(data);
  }
}
