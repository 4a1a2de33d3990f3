package dev.mailvault.directory.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationsTest {

  private static final String V1 =
      "/dev/mailvault/directory/migration/V1__accounts_domains_aliases.sql";

  private static final String V3 = "/dev/mailvault/directory/migration/V3__alias_send_as.sql";

  @Test
  void everyPlaceholderHasASpellingForEveryVendor() throws Exception {
    String sql;
    try (InputStream in = MigrationsTest.class.getResourceAsStream(V1)) {
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (Migrations.Vendor vendor : Migrations.Vendor.values()) {
      String substituted = sql;
      for (Map.Entry<String, String> p : vendor.placeholders().entrySet()) {
        substituted = substituted.replace("${" + p.getKey() + "}", p.getValue());
      }
      assertThat(substituted).as(vendor.name()).doesNotContain("${");
    }
  }

  @Test
  void theSchemaAvoidsVendorSpecificTypes() throws Exception {
    String sql;
    try (InputStream in = MigrationsTest.class.getResourceAsStream(V1);
        InputStream sendAs = MigrationsTest.class.getResourceAsStream(V3)) {
      sql =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              + new String(sendAs.readAllBytes(), StandardCharsets.UTF_8);
    }
    // BLOB/BYTEA and auto-increment keys go through placeholders; nothing else is vendor-bound.
    String code = sql.replaceAll("--[^\n]*", "").toUpperCase();
    assertThat(code)
        .doesNotContain("BLOB")
        .doesNotContain("BYTEA")
        .doesNotContain("AUTOINCREMENT")
        .doesNotContain("SERIAL")
        .doesNotContain(" INTEGER ")
        .doesNotContain("WITHOUT ROWID");
  }
}
