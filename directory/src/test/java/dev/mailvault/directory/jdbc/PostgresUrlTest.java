package dev.mailvault.directory.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.directory.DirectoryUnavailableException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresUrlTest {

  @Test
  void partsArePercentDecodedAndThePasswordStaysOutOfToString() throws Exception {
    PostgresUrl url =
        PostgresUrl.parse(
            "postgresql://mail%40vault:p%3Ass%2Fw%C3%B6rd@db.example:6543/mail%20dir"
                + "?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem");
    assertThat(url.user()).isEqualTo("mail@vault");
    assertThat(url.password()).isEqualTo("p:ss/wörd");
    assertThat(url.host()).isEqualTo("db.example");
    assertThat(url.port()).isEqualTo(6543);
    assertThat(url.database()).isEqualTo("mail dir");
    assertThat(url.parameters())
        .isEqualTo(Map.of("sslmode", "verify-full", "sslrootcert", "/etc/ca.pem"));
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/mail%20dir");
    assertThat(url.toString())
        .doesNotContain("ss")
        .isEqualTo("postgresql://mail@vault@db.example:6543/mail dir");
  }

  @Test
  void defaultsAndIpv6() throws Exception {
    PostgresUrl url = PostgresUrl.parse("postgres://mv@[::1]/dir");
    assertThat(url.host()).isEqualTo("::1");
    assertThat(url.port()).isEqualTo(5432);
    assertThat(url.password()).isEmpty();
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/dir");
  }

  @Test
  void malformedUrlsAreRefusedWithoutThePassword() {
    for (String bad :
        new String[] {
          "mysql://u:secret1@h/d",
          "postgresql://u:secret1@h",
          "postgresql://u:secret1@h:99999/d",
          "postgresql://u:secret1@h:port/d",
          "postgresql://:secret1@h/d",
          "postgresql://u:secret1%zz@h/d",
          "postgresql://u@h/d?password=secret1"
        }) {
      assertThatThrownBy(() -> PostgresUrl.parse(bad))
          .as(bad)
          .isInstanceOf(DirectoryUnavailableException.class)
          .hasMessageStartingWith("directory.url is not a valid PostgreSQL URL")
          .hasMessageNotContaining("secret1");
    }
  }
}
