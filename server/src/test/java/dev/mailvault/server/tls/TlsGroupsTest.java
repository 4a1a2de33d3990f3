package dev.mailvault.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.server.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The {@code tls.groups} setting: its spellings, its errors, and each engine's names for it. */
class TlsGroupsTest {

  @Test
  void defaultPutsTheHybridGroupFirst() throws Exception {
    TlsGroups groups = TlsGroups.parse(TlsGroups.DEFAULT, "default");

    assertThat(groups.forBoringSsl()).containsExactly("X25519MLKEM768", "X25519", "P-256");
    assertThat(groups.forBouncyCastle()).containsExactly("X25519MLKEM768", "x25519", "secp256r1");
    assertThat(groups.offersPostQuantum()).isTrue();
    assertThat(groups).hasToString("X25519MLKEM768:X25519:P-256");
  }

  @Test
  void eitherEnginesSpellingAndCommasAreAccepted() throws Exception {
    TlsGroups groups = TlsGroups.parse(" secp384r1, x25519 :P-256:X25519", "MAILVAULT_TLS_GROUPS");

    assertThat(groups).hasToString("P-384:X25519:P-256");
    assertThat(groups.offersPostQuantum()).isFalse();
  }

  @Test
  void unknownOrNoGroupIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> TlsGroups.parse("X25519MLKEM768:X448", "MAILVAULT_TLS_GROUPS"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("MAILVAULT_TLS_GROUPS: unknown TLS group 'X448' (known: ");
    assertThatThrownBy(() -> TlsGroups.parse(" : ", "MAILVAULT_TLS_GROUPS"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("MAILVAULT_TLS_GROUPS names no TLS group");
  }

  /**
   * Every group the setting accepts is one BoringSSL really offers, so none is dropped at start.
   * (Bouncy Castle 1.84's table has all five; PostQuantumListenersTest shows it negotiating the
   * hybrid group and X25519.)
   */
  @Test
  void everyKnownGroupIsSupportedByBoringSsl() {
    for (TlsGroups.Group group : TlsGroups.Group.values()) {
      assertThat(ServerSslContexts.supports(TlsProvider.BORINGSSL, group))
          .as(group.displayName())
          .isTrue();
    }
  }
}
