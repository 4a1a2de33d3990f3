package dev.mailvault.server.dkim;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.DkimKeyRecord;
import dev.mailvault.directory.DkimKeyState;
import dev.mailvault.directory.DomainExistsException;
import dev.mailvault.directory.DomainInfo;
import dev.mailvault.directory.UnknownDomainException;
import dev.mailvault.mailauth.dkim.DkimAlgorithm;
import dev.mailvault.mailauth.dkim.DkimKeys;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The DKIM keys of the domains (ADR 0207): a new domain gets one Ed25519 and one RSA-2048 key (RFC
 * 8463 §4: sign with both, so verifiers without Ed25519 still find a signature they check); a
 * rotation makes a new pair and retires the old, which stays published for {@link
 * #RETIRED_PUBLISHED} so signatures made before it still verify.
 */
public final class DomainDkim {

  /**
   * How long a retired key stays in DNS: the queue's 5 days of retries, another relay's 5 days
   * after ours (RFC 5321 §4.5.4.1), and margin.
   */
  public static final Duration RETIRED_PUBLISHED = Duration.ofDays(14);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Directory directory;
  private final DkimKeySealer sealer;
  private final Clock clock;

  public DomainDkim(Directory directory, DkimKeySealer sealer, Clock clock) {
    this.directory = directory;
    this.sealer = sealer;
    this.clock = clock;
  }

  /**
   * Adds a domain with its first key pair. The keys are made first (RSA takes a moment) and stored
   * right after the domain; should the process die between, the domain signs nothing until {@code
   * dkim rotate} gives it keys.
   */
  public DomainInfo addDomain(DomainName domain) throws DomainExistsException {
    List<DkimKeyRecord> pair = newPair(domain);
    DomainInfo added = directory.addDomain(domain);
    try {
      directory.addDkimKeys(domain, pair);
    } catch (UnknownDomainException e) {
      throw new IllegalStateException("the domain was removed while it was being added", e);
    }
    return added;
  }

  /** A new active pair; the active keys are retired, those retired long enough forgotten. */
  public List<DkimKeyRecord> rotate(DomainName domain) throws UnknownDomainException {
    List<DkimKeyRecord> pair = newPair(domain);
    directory.rotateDkimKeys(domain, pair, clock.instant().minus(RETIRED_PUBLISHED));
    return pair;
  }

  /** Of {@code keys}, those DNS must publish: the active ones and those retired < 14 days ago. */
  public static List<DkimKeyRecord> published(List<DkimKeyRecord> keys, Instant now) {
    Instant cutOff = now.minus(RETIRED_PUBLISHED);
    return keys.stream()
        .filter(
            k ->
                k.state() == DkimKeyState.ACTIVE
                    || k.retired().filter(at -> at.isAfter(cutOff)).isPresent())
        .toList();
  }

  private List<DkimKeyRecord> newPair(DomainName domain) {
    Instant now = clock.instant();
    return List.of(
        newKey(domain, DkimAlgorithm.ED25519_SHA256, "ed-", now),
        newKey(domain, DkimAlgorithm.RSA_SHA256, "rsa-", now));
  }

  private DkimKeyRecord newKey(
      DomainName domain, DkimAlgorithm algorithm, String prefix, Instant now) {
    // Random, not dated: a selector says nothing about when keys change (ADR 0207).
    byte[] random = new byte[4];
    RANDOM.nextBytes(random);
    String selector = prefix + HexFormat.of().formatHex(random);
    KeyPair pair = DkimKeys.generate(algorithm);
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    try {
      return DkimKeyRecord.active(
          selector,
          algorithm.keyType(),
          pair.getPublic().getEncoded(),
          sealer.seal(domain, selector, pkcs8),
          now);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }
}
