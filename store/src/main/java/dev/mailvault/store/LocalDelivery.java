package dev.mailvault.store;

import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.core.access.MailDelivery.Filing;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.metrics.MailMetrics;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.spool.SpoolItem;
import dev.mailvault.store.spool.SpoolStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MailDelivery} into this machine's vaults and spool (DESIGN §2, §5): a recipient whose
 * vault is open here (a session has it unlocked) gets the message appended to INBOX (or to the
 * {@code \Junk} folder, created if missing, when the MX quarantined it: ADR 0206; or to the folders
 * its Sieve script chose, with their flags: ADR 0252), and every session on that vault hears of it
 * at once; any other recipient gets it sealed into its spool, the Sieve choices with it.
 *
 * <h2>Rules</h2>
 *
 * <ol>
 *   <li>Quota first (ADR 0112): each recipient's ledger reserves the message's size and one message
 *       per copy before anything is written, so an over-quota recipient fails the delivery with
 *       nothing written anywhere. A spooled item keeps its reservation until the drain's append
 *       takes it over; a live append uses it directly.
 *   <li>All or none (ADR 0111): if a copy fails, the copies made so far are taken back (spool items
 *       withdrawn, appended messages removed) and the reservations released before the failure is
 *       rethrown. A session that saw a taken-back message gets its EXPUNGE like any other.
 *   <li>No spooling past a login (ADR 0110): the delivery holds the arrival locks of all its
 *       recipients while it chooses and writes, and a login holds its vault's lock while it opens
 *       and drains, so an item is never spooled just after the drain that should have taken it.
 *   <li>Several recipients on one vault (plus-addresses of one alias) get one copy.
 * </ol>
 */
public final class LocalDelivery implements MailDelivery {

  private static final Logger LOG = LoggerFactory.getLogger(LocalDelivery.class);

  private final VaultStore vaults;
  private final SpoolStore spool;
  private final Ledgers quotas;
  private final MailMetrics metrics;

  /** Finds the usage ledger of a vault id: the server passes {@code directory::quotaLedger}. */
  @FunctionalInterface
  public interface Ledgers {
    QuotaLedger of(String vaultId) throws MailvaultException;
  }

  public LocalDelivery(VaultStore vaults, SpoolStore spool, Ledgers quotas) {
    this(vaults, spool, quotas, MailMetrics.NONE);
  }

  /** A delivery that counts each recipient's copy as live, spooled or refused (ADR 0256). */
  public LocalDelivery(VaultStore vaults, SpoolStore spool, Ledgers quotas, MailMetrics metrics) {
    this.vaults = Objects.requireNonNull(vaults, "vaults");
    this.spool = Objects.requireNonNull(spool, "spool");
    this.quotas = Objects.requireNonNull(quotas, "quotas");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public void deliver(Incoming message, List<Recipient> recipients) throws MailvaultException {
    Map<String, Recipient> byVault = new LinkedHashMap<>();
    for (Recipient recipient : recipients) {
      byVault.putIfAbsent(recipient.vaultId(), recipient);
    }
    if (byVault.isEmpty()) {
      throw new IllegalArgumentException("a delivery needs at least one recipient");
    }
    try (ArrivalLocks.Held held = vaults.arrivals().lock(byVault.keySet())) {
      Attempt attempt = new Attempt(message);
      try {
        attempt.run(List.copyOf(byVault.values()));
        attempt.count();
      } catch (IOException | VaultStorageException e) {
        attempt.takeBack();
        countRefused(byVault.size());
        throw new DeliveryFailedException("the message could not be stored, try again later", e);
      } catch (MailvaultException | RuntimeException e) {
        attempt.takeBack();
        countRefused(byVault.size());
        throw e;
      } finally {
        attempt.closeHandles();
      }
    }
  }

  private void countRefused(int recipients) {
    for (int i = 0; i < recipients; i++) {
      metrics.delivery(MailMetrics.DeliveryOutcome.REFUSED);
    }
  }

  /** One call of {@link #deliver}: what it reserved and wrote, so it can take it back. */
  private final class Attempt {

    private final Incoming message;
    private final long size;
    private final List<Reservation> reservations = new ArrayList<>();
    private final List<Vault> handles = new ArrayList<>();

    Attempt(Incoming message) {
      this.message = message;
      this.size = message.raw().length;
    }

    /** After success: each recipient's copy went live or into the spool. */
    void count() {
      for (Reservation reservation : reservations) {
        metrics.delivery(
            reservation.vault != null
                ? MailMetrics.DeliveryOutcome.LIVE
                : MailMetrics.DeliveryOutcome.SPOOL);
      }
    }

    void run(List<Recipient> recipients) throws MailvaultException, IOException {
      for (Recipient recipient : recipients) {
        int copies = recipient.filings().size();
        QuotaLedger ledger = quotas.of(recipient.vaultId());
        ledger.reserve(size * copies, copies);
        reservations.add(new Reservation(recipient, ledger));
      }
      for (Reservation reservation : reservations) {
        String vaultId = reservation.recipient.vaultId();
        // The live handle's own ledger stays untouched: the reservation above pays for the append.
        Optional<Vault> live = vaults.openIfUnlocked(vaultId, QuotaLedger.UNLIMITED);
        if (live.isPresent()) {
          handles.add(live.get());
          reservation.vault = live.get();
          for (Filing filing : reservation.recipient.filings()) {
            String folder = live.get().filingFolder(filing, message.destination());
            // RFC 9051 §2.3.3: the INTERNALDATE is when the MX accepted the message.
            long uid =
                live.get()
                    .append(
                        folder, new NewMessage(message.raw(), filing.flags(), message.arrival()))
                    .uid();
            reservation.appended.add(new Appended(folder, uid));
          }
        } else {
          reservation.spoolId =
              spool.put(
                  vaultId,
                  reservation.recipient.spoolPublicKey(),
                  new SpoolItem(
                      message.raw(),
                      message.arrival(),
                      message.mailFrom(),
                      message.rcptTo(),
                      message.destination(),
                      reservation.recipient.filings()));
        }
      }
    }

    /**
     * Deletes the spool items and removes the appended messages written so far, then releases the
     * reservations of every recipient left without a copy. A copy that cannot be taken back keeps
     * its reservation (it is still stored) and is logged by vault id only.
     */
    void takeBack() {
      for (Reservation reservation : reservations) {
        String vaultId = reservation.recipient.vaultId();
        try {
          int copies = reservation.recipient.filings().size();
          if (reservation.spoolId != null) {
            spool.withdraw(vaultId, reservation.spoolId);
          }
          for (Appended copy : reservation.appended) {
            reservation.vault.withdraw(copy.folder, UidSet.of(copy.uid));
          }
          reservation.ledger.release(size * copies, copies);
        } catch (IOException | MailvaultException | RuntimeException e) {
          LOG.error(
              "vault {}: a copy of a failed delivery could not be taken back: {}",
              vaultId,
              e.getMessage());
        }
      }
    }

    void closeHandles() {
      handles.forEach(Vault::close);
    }
  }

  /** A copy appended to a live vault, so a failed delivery can take it back. */
  private record Appended(String folder, long uid) {}

  /** One recipient's quota reservation and, once made, where its copies went. */
  private static final class Reservation {
    final Recipient recipient;
    final QuotaLedger ledger;
    final List<Appended> appended = new ArrayList<>();
    Vault vault;
    String spoolId;

    Reservation(Recipient recipient, QuotaLedger ledger) {
      this.recipient = recipient;
      this.ledger = ledger;
    }
  }
}
