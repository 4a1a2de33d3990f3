package dev.mailvault.cluster.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.cluster.rpc.RpcRemoteException;
import dev.mailvault.cluster.rpc.RpcUnavailableException;
import dev.mailvault.core.access.FolderExistsException;
import dev.mailvault.core.access.FolderNotFoundException;
import dev.mailvault.core.access.FolderOperationRefusedException;
import dev.mailvault.core.access.InvalidFolderNameException;
import dev.mailvault.core.access.MessageNotFoundException;
import dev.mailvault.core.access.SearchPatternException;
import dev.mailvault.core.access.SearchTooComplexException;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mime.InvalidSectionException;
import dev.mailvault.core.quota.OverQuotaException;
import dev.mailvault.store.VaultFencedException;
import dev.mailvault.store.VaultKeyException;
import dev.mailvault.store.VaultNotFoundException;
import dev.mailvault.store.VaultNotOwnedException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each store failure the protocols tell apart crosses as a kind and comes back as itself. */
class FailuresTest {

  @Test
  void everyDistinguishedFailureComesBackAsTheSameTypeAndMessage() {
    List<MailvaultException> failures =
        List.of(
            new FolderNotFoundException("Secret plans"),
            new FolderExistsException("Secret plans"),
            new InvalidFolderNameException("empty level"),
            new FolderOperationRefusedException("INBOX cannot be deleted"),
            new MessageNotFoundException(77),
            new OverQuotaException("domain.messages", "the domain is over its message quota"),
            new SearchTooComplexException(),
            new SearchPatternException("X-REGEX pattern is not RE2 syntax: x"),
            new InvalidSectionException("no part 9"),
            new RpcUnavailableException("the store is busy"));
    for (MailvaultException failure : failures) {
      RpcRemoteException wire = Failures.refusal(failure);
      assertThat(wire.getMessage()).doesNotContain("Secret plans");
      MailvaultException back = Failures.local(wire);
      assertThat(back)
          .as(failure.getClass().getSimpleName())
          .isExactlyInstanceOf(failure.getClass());
      assertThat(back.getMessage()).isEqualTo(failure.getMessage());
    }
    assertThat(
            ((MessageNotFoundException)
                    Failures.local(Failures.refusal(new MessageNotFoundException(77))))
                .uid())
        .isEqualTo(77);
    assertThat(
            ((OverQuotaException)
                    Failures.local(Failures.refusal(new OverQuotaException("alias.bytes", "full"))))
                .scope())
        .isEqualTo("alias.bytes");
  }

  @Test
  void keyAndVaultFailuresKeepTheirTypesButNotTheVaultId() {
    RpcRemoteException key = Failures.refusal(new VaultKeyException("v-123"));
    assertThat(key.getMessage()).doesNotContain("v-123");
    assertThat(Failures.local(key)).isInstanceOf(VaultKeyException.class);
    assertThat(Failures.local(Failures.refusal(new VaultNotFoundException("v-123"))))
        .isInstanceOf(VaultNotFoundException.class);
  }

  @Test
  void aVaultThisPrimaryMayNotOpenOrWriteTellsTheFrontEndToLookTheOwnerUpAgain() {
    for (Exception failure :
        List.of(
            new VaultNotOwnedException("another server still has the vault open"),
            new VaultFencedException("the vault has moved to another primary"))) {
      RpcRemoteException wire = Failures.refusal(failure);
      assertThat(wire.kind()).as(failure.getClass().getSimpleName()).isEqualTo(Failures.NOT_OWNER);
      assertThat(Failures.local(wire)).isInstanceOf(RpcUnavailableException.class);
    }
  }

  @Test
  void refusalsOfArgumentsAreThrownUncheckedAndOurFaultsSayNothing() {
    RpcRemoteException bad = Failures.refusal(new IllegalArgumentException("negative range 5"));
    assertThatThrownBy(() -> Failures.local(bad)).isInstanceOf(IllegalArgumentException.class);
    RpcRemoteException unsupported = Failures.refusal(new UnsupportedOperationException("x"));
    assertThatThrownBy(() -> Failures.local(unsupported))
        .isInstanceOf(UnsupportedOperationException.class);
    RpcRemoteException internal = Failures.refusal(new IllegalStateException("path /secret/file"));
    assertThat(internal.kind()).isEqualTo(RpcRemoteException.INTERNAL);
    assertThat(internal.getMessage()).doesNotContain("secret");
    assertThat(Failures.local(internal)).isSameAs(internal);
    assertThat(Failures.local(new RpcRemoteException(Failures.NOT_OWNER, "moved")))
        .isInstanceOf(RpcUnavailableException.class);
  }
}
