package dev.mailvault.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaMigratorTest {

  @Test
  void scriptsSplitIntoStatementsAndSkipComments() {
    List<String> statements =
        SchemaMigrator.statements(
            "-- a comment\nCREATE TABLE a (\n  x INTEGER\n);\n\nCREATE INDEX i ON a(x);\n");
    assertThat(statements)
        .containsExactly("CREATE TABLE a (\n  x INTEGER\n);", "CREATE INDEX i ON a(x);");
  }

  @Test
  void theBundledMigrationsAreFoundInOrder() {
    SchemaMigrator migrator = SchemaMigrator.fromResources();
    assertThat(migrator.latestVersion()).isGreaterThanOrEqualTo(1);
  }
}
