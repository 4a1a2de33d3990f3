package dev.mailvault.directory.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.directory.AdminTokenInfo;
import dev.mailvault.directory.Directory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenStorageTest {

  private static final String TOKEN = "mvt_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcdefg";

  @TempDir Path data;

  @Test
  void onlyTheHashReachesTheDirectoryFile() throws Exception {
    Fixtures.assumeSqliteFile("scans the file for the token");
    byte[] hash = sha256(TOKEN);
    try (Directory directory = Fixtures.open(data, new CountingKdf())) {
      AdminTokenInfo created = directory.createAdminToken("ci", "read", hash);
      assertThat(created.name()).isEqualTo("ci");
      assertThat(created.scope()).isEqualTo("read");
      assertThat(created.active()).isTrue();
    }
    byte[] token = TOKEN.getBytes(StandardCharsets.UTF_8);
    assertThat(FileScan.filesContaining(data, token)).isEmpty();
    assertThat(FileScan.filesContaining(data, "AbCdEfGhIjKlMnOp".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    // The scan finds what is there: the hash is stored.
    assertThat(FileScan.filesContaining(data, hash)).isNotEmpty();
  }

  @Test
  void aTokenIsFoundByItsHashUntilRevoked() throws Exception {
    try (Directory directory = Fixtures.open(data, new CountingKdf())) {
      AdminTokenInfo a = directory.createAdminToken("a", "admin", sha256(TOKEN));
      directory.createAdminToken("b", "read", sha256(TOKEN + "x"));

      AdminTokenInfo used = directory.useAdminToken(sha256(TOKEN)).orElseThrow();
      assertThat(used.id()).isEqualTo(a.id());
      assertThat(used.lastUsed()).isPresent();
      assertThat(directory.useAdminToken(sha256("mvt_other"))).isEmpty();
      assertThat(directory.useAdminToken(new byte[3])).isEmpty();

      assertThat(directory.revokeAdminToken(a.id())).isTrue();
      assertThat(directory.revokeAdminToken(a.id())).isFalse();
      assertThat(directory.revokeAdminToken(9999)).isFalse();
      assertThat(directory.useAdminToken(sha256(TOKEN))).isEmpty();

      List<AdminTokenInfo> listed = directory.listAdminTokens();
      assertThat(listed).extracting(AdminTokenInfo::name).containsExactly("a", "b");
      assertThat(listed.get(0).revoked()).isPresent();
      assertThat(listed.get(0).lastUsed()).isPresent();
      assertThat(listed.get(1).active()).isTrue();
    }
  }

  @Test
  void aHashIsThirtyTwoBytes() throws Exception {
    try (Directory directory = Fixtures.open(data, new CountingKdf())) {
      assertThatThrownBy(() -> directory.createAdminToken("x", "read", new byte[16]))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static byte[] sha256(String s) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
  }
}
