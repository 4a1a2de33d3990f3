package dev.mailvault.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginHasherTest {

  @TempDir Path dir;

  @Test
  void theKeyIsCreatedOwnerOnlyAndKeptAcrossStarts() throws Exception {
    Path file = dir.resolve("security-log.key");
    String first = LoginHasher.openOrCreate(file).name("alice@example.com");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.size(file)).isEqualTo(32);
    assertThat(LoginHasher.openOrCreate(file).name("alice@example.com")).isEqualTo(first);
  }

  @Test
  void aNameIsSixteenHexDigitsOfTheCanonicalLoginAndDependsOnTheKey() {
    LoginHasher hasher = LoginHasher.withRandomKey();
    String name = hasher.name("alice@example.com");
    assertThat(name).matches("[0-9a-f]{16}");
    assertThat(hasher.name("\"Alice\"@EXAMPLE.com")).isEqualTo(name);
    assertThat(hasher.name("bob@example.com")).isNotEqualTo(name);
    assertThat(LoginHasher.withRandomKey().name("alice@example.com")).isNotEqualTo(name);
  }
}
