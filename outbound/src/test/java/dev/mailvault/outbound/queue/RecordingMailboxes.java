package dev.mailvault.outbound.queue;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.quota.OverQuotaException;
import dev.mailvault.outbound.LocalMailboxes;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Local aliases of the served domains that keep what they receive; some addresses are full. */
final class RecordingMailboxes implements LocalMailboxes {

  /** One delivered copy. */
  record Delivery(String address, String mailFrom, byte[] raw) {}

  private final Set<String> domains;
  private final Set<String> unknown;
  private final Set<String> full = java.util.concurrent.ConcurrentHashMap.newKeySet();
  final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

  RecordingMailboxes(Set<String> domains, Set<String> unknown) {
    this.domains = domains;
    this.unknown = unknown;
  }

  void fill(String address) {
    full.add(address);
  }

  void empty(String address) {
    full.remove(address);
  }

  @Override
  public boolean serves(String domain) {
    return domains.contains(domain.toLowerCase(Locale.ROOT));
  }

  @Override
  public void deliver(String address, String mailFrom, byte[] raw, Instant arrival)
      throws MailvaultException {
    if (unknown.contains(address)) {
      throw new UnknownMailboxException("no such alias");
    }
    if (full.contains(address)) {
      throw new OverQuotaException("alias", "mailbox full");
    }
    deliveries.add(new Delivery(address, mailFrom, raw.clone()));
  }

  List<Delivery> to(String address) {
    return deliveries.stream().filter(d -> d.address().equals(address)).toList();
  }
}
