package dev.mailvault.server.dkim;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.crypto.UnwrapException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.DkimKeyRecord;
import dev.mailvault.directory.DkimKeyState;
import dev.mailvault.directory.UnknownDomainException;
import dev.mailvault.mailauth.dkim.DkimAlgorithm;
import dev.mailvault.mailauth.dkim.DkimKeys;
import dev.mailvault.mailauth.dkim.DkimSigningKey;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys a domain signs with: its active DKIM keys, unsealed. The records are read from the
 * directory for each message, so a rotation takes effect with the next one; the unsealed keys are
 * kept in memory while the records stay the same, so a message does not pay for unsealing and
 * parsing them (an RSA key's parse alone is a good part of a signature).
 */
public final class DkimKeySource {

  private static final Logger LOG = LoggerFactory.getLogger(DkimKeySource.class);

  private final Directory directory;
  private final DkimKeySealer sealer;
  private final Map<DomainName, Unsealed> unsealed = new ConcurrentHashMap<>();

  /** The keys unsealed from exactly these records. */
  private record Unsealed(List<DkimKeyRecord> records, List<DkimSigningKey> keys) {}

  public DkimKeySource(Directory directory, DkimKeySealer sealer) {
    this.directory = directory;
    this.sealer = sealer;
  }

  /** Empty for a domain that is not served here or has no keys. */
  public List<DkimSigningKey> signingKeys(DomainName domain) {
    List<DkimKeyRecord> stored;
    try {
      stored = directory.dkimKeys(domain);
    } catch (UnknownDomainException e) {
      unsealed.remove(domain);
      return List.of();
    }
    List<DkimKeyRecord> active =
        stored.stream().filter(key -> key.state() == DkimKeyState.ACTIVE).toList();
    Unsealed known = unsealed.get(domain);
    if (known != null && known.records().equals(active)) {
      return known.keys();
    }
    List<DkimSigningKey> keys = unseal(domain, active);
    unsealed.put(domain, new Unsealed(active, keys));
    return keys;
  }

  private List<DkimSigningKey> unseal(DomainName domain, List<DkimKeyRecord> active) {
    List<DkimSigningKey> keys = new ArrayList<>();
    for (DkimKeyRecord key : active) {
      DkimAlgorithm algorithm = DkimAlgorithm.forKeyType(key.algorithm());
      try (SecretBytes pkcs8 = sealer.unseal(domain, key.selector(), key.sealedPrivateKey())) {
        keys.add(
            new DkimSigningKey(
                domain.value(),
                key.selector(),
                algorithm,
                pkcs8.apply(der -> DkimKeys.privateKey(algorithm, der))));
      } catch (UnwrapException | GeneralSecurityException e) {
        // Another node's outbound secret, or damage: sign with the keys that do open. The
        // selector is random and names no one.
        LOG.warn("DKIM key {} does not open and is skipped: {}", key.selector(), e.getMessage());
      }
    }
    return List.copyOf(keys);
  }
}
