package dev.mailvault.outbound.delivery;

import dev.mailvault.mailauth.dns.DnsAnswer;
import dev.mailvault.mailauth.dns.DnsClient;
import dev.mailvault.mailauth.dns.DnsTemporaryException;
import dev.mailvault.outbound.DeliveryAttempt;
import dev.mailvault.outbound.RecipientResult;
import dev.mailvault.outbound.Transmitter;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Record;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;

/**
 * Delivers a queued message to its recipients at one domain over SMTP (ADR 0208): the domain's MX
 * hosts in order (RFC 5321 §5.1), each address of each host until one takes part in a transaction,
 * with the TLS the host must offer: verified against TLSA records when DNSSEC authenticated them
 * (DANE, RFC 7672, ADR 0209), against the trust store and the MX name under an enforced MTA-STS
 * policy (RFC 8461) or REQUIRETLS (RFC 8689), else opportunistic STARTTLS.
 *
 * <p>Concurrency: {@link #transmit} is called by many delivery threads at once. Each call holds one
 * of the destination domain's connection slots ({@link DomainConnectionLimit}) for its whole
 * attempt; the MTA-STS cache and the sessions kept open for reuse ({@link IdleConnections}, ADR
 * 0211) are the only other shared state. Logs carry the queue id, never an address.
 */
public final class SmtpTransmitter implements Transmitter, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SmtpTransmitter.class);

  private final DnsClient dns;
  private final DeliverySettings settings;
  private final MxResolver mxResolver;
  private final MtaStsPolicies mtaSts;
  private final SmtpDialogue dialogue;
  private final DomainConnectionLimit connections;

  /**
   * @param dns the resolver for MX, address, TXT and TLSA records; its AD bit is trusted for DANE,
   *     so it must be a validating resolver on a trusted path (ADR 0209)
   * @throws GeneralSecurityException when the trust store cannot be used
   */
  public SmtpTransmitter(DnsClient dns, DeliverySettings settings, Clock clock)
      throws GeneralSecurityException {
    this.dns = dns;
    this.settings = settings;
    this.mxResolver = new MxResolver(dns, RandomGenerator.getDefault());
    TlsUpgrade tls = new TlsUpgrade(settings.trustStore());
    this.mtaSts =
        new MtaStsPolicies(
            dns, tls.pkixContext(), settings.httpsPort(), settings.timeouts().connect(), clock);
    this.dialogue = new SmtpDialogue(settings, tls, System::nanoTime);
    this.connections = new DomainConnectionLimit(settings.connectionsPerDomain());
  }

  @Override
  public List<RecipientResult> transmit(DeliveryAttempt attempt) {
    if (attempt.recipients().isEmpty()) {
      return List.of();
    }
    DomainConnectionLimit.Slot slot;
    try {
      slot = connections.acquire(attempt.domain(), settings.slotWait());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return everyone(attempt, DeliveryFailure.temporary("4.4.5", "delivery interrupted"));
    }
    if (slot == null) {
      return everyone(
          attempt,
          DeliveryFailure.temporary("4.4.5", "too many connections to the destination domain"));
    }
    try (slot) {
      List<RecipientResult> results = deliver(attempt);
      LOG.debug("queue {}: attempt done, {}", attempt.queueId(), summary(results));
      return results;
    } catch (DeliveryFailure failure) {
      LOG.debug("queue {}: attempt failed, {}", attempt.queueId(), failure.getMessage());
      return everyone(attempt, failure);
    } catch (RuntimeException bug) {
      // Our fault, not the recipients': they are retried, and one line says what broke (the
      // exception's class only: its message might quote a remote reply).
      LOG.error(
          "queue {}: delivery failed on our side: {}", attempt.queueId(), bug.getClass().getName());
      return everyone(attempt, DeliveryFailure.temporary("4.3.0", "local error during delivery"));
    }
  }

  private List<RecipientResult> deliver(DeliveryAttempt attempt) throws DeliveryFailure {
    List<MxHost> hosts = mxResolver.resolve(attempt.domain());
    Optional<MtaStsPolicy> policy = mtaSts.policyFor(attempt.domain());
    boolean enforced = policy.map(p -> p.mode() == MtaStsPolicy.Mode.ENFORCE).orElse(false);
    if (policy.isPresent()) {
      hosts = allowed(hosts, policy.get(), attempt);
    }
    DeliveryFailure last = null;
    for (MxHost host : hosts) {
      if (attempt.requireTls() && !enforced && !host.authenticated()) {
        // RFC 8689 §4.2.1: the MX host must come from DNSSEC or an MTA-STS policy, else a forged
        // MX could take the message whatever its certificate says.
        throw DeliveryFailure.permanent(
            "5.7.10", "REQUIRETLS: the destination has neither DNSSEC-validated MX nor MTA-STS");
      }
      TlsRequirement requirement;
      try {
        requirement = requirement(host, enforced, attempt.requireTls());
      } catch (DnsTemporaryException e) {
        // RFC 7672 §2.1.1: TLSA records that cannot be looked up rule the host out for now.
        last =
            new DeliveryFailure(
                RecipientResult.Outcome.TEMPORARY,
                "4.4.3",
                "DNS: " + e.getMessage(),
                Optional.of(host.name()));
        continue;
      }
      for (InetAddress address : host.addresses()) {
        try {
          return dialogue.deliver(address, requirement, attempt);
        } catch (DeliveryFailure failure) {
          if (failure.outcome() == RecipientResult.Outcome.PERMANENT) {
            throw failure;
          }
          // RFC 5321 §5.1: on a failed connection or a 4xx greeting, the next address or host.
          last = failure;
        }
      }
    }
    throw last != null ? last : DeliveryFailure.temporary("4.4.1", "no MX host could be tried");
  }

  /** RFC 8461 §5: under enforce, only the MX hosts the policy names; under testing, a log line. */
  private static List<MxHost> allowed(
      List<MxHost> hosts, MtaStsPolicy policy, DeliveryAttempt attempt) throws DeliveryFailure {
    if (policy.mode() == MtaStsPolicy.Mode.NONE) {
      return hosts;
    }
    List<MxHost> allowed = new ArrayList<>();
    for (MxHost host : hosts) {
      if (policy.allows(host.name())) {
        allowed.add(host);
      } else if (policy.mode() == MtaStsPolicy.Mode.TESTING) {
        LOG.info(
            "queue {}: MTA-STS testing policy names no such MX host; delivering anyway",
            attempt.queueId());
        allowed.add(host);
      }
    }
    if (allowed.isEmpty()) {
      // RFC 8461 §5.1: failing an enforced policy defers the message; it is not bounced at once.
      throw DeliveryFailure.temporary(
          "4.7.5", "MTA-STS: no MX host matches the destination's policy");
    }
    return allowed;
  }

  /** DANE first (RFC 8461 §2: it takes precedence), then MTA-STS and REQUIRETLS, then none. */
  private TlsRequirement requirement(MxHost host, boolean enforced, boolean requireTls)
      throws DnsTemporaryException {
    if (host.authenticated()) {
      // RFC 7672 §2.2: TLSA of the port actually used, only when DNSSEC validated the MX too.
      DnsAnswer answer = dns.query("_" + settings.smtpPort() + "._tcp." + host.name(), Type.TLSA);
      List<TLSARecord> usable = new ArrayList<>();
      for (Record record : answer.records()) {
        TLSARecord tlsa = (TLSARecord) record;
        // RFC 7672 §3.1.3: only DANE-TA(2) and DANE-EE(3) apply to SMTP.
        if (tlsa.getCertificateUsage() == 2 || tlsa.getCertificateUsage() == 3) {
          usable.add(tlsa);
        }
      }
      if (answer.authenticated() && !usable.isEmpty()) {
        return new TlsRequirement(
            TlsRequirement.Mode.DANE, host.name(), usable, "DANE TLSA records apply");
      }
    }
    if (enforced) {
      return new TlsRequirement(
          TlsRequirement.Mode.PKIX,
          host.name(),
          List.of(),
          "the destination's MTA-STS policy is enforced");
    }
    if (requireTls) {
      return new TlsRequirement(
          TlsRequirement.Mode.PKIX,
          host.name(),
          List.of(),
          "the message requires TLS (REQUIRETLS)");
    }
    return TlsRequirement.opportunistic(host.name());
  }

  /** How many connections wait open for the next message now. */
  int idleConnections() {
    return dialogue.idleSessions();
  }

  /** Closes the connections kept open for reuse (QUIT first). */
  @Override
  public void close() {
    dialogue.closeIdle();
  }

  private static List<RecipientResult> everyone(DeliveryAttempt attempt, DeliveryFailure failure) {
    return attempt.recipients().stream()
        .map(
            r ->
                new RecipientResult(
                    r.address(),
                    failure.outcome(),
                    failure.status(),
                    failure.diagnostic(),
                    failure.remoteMta()))
        .toList();
  }

  private static String summary(List<RecipientResult> results) {
    long delivered =
        results.stream().filter(r -> r.outcome() == RecipientResult.Outcome.DELIVERED).count();
    long temporary =
        results.stream().filter(r -> r.outcome() == RecipientResult.Outcome.TEMPORARY).count();
    return delivered
        + " delivered, "
        + temporary
        + " deferred, "
        + (results.size() - delivered - temporary)
        + " failed";
  }
}
