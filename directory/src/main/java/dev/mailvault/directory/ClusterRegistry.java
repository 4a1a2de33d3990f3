package dev.mailvault.directory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Which storage primary owns which vault (issue 18, docs/adr/0280-placement-and-leases.md).
 *
 * <p>Each primary holds a lease, counted by the directory database's clock and renewed every few
 * seconds; every join, assignment, takeover and move takes a new epoch from one cluster-wide
 * counter, so a newer claim always carries a higher epoch. Each change of ownership is one
 * conditional transaction: when several front-ends ask at once, exactly one assignment wins and the
 * others read it.
 */
public interface ClusterRegistry {

  /**
   * Registers (or re-registers) a primary with a new epoch, higher than any before in the cluster.
   * Vaults it owned in an earlier incarnation are no longer its own until assigned again.
   */
  PrimaryLease join(String primary, String rpcAddress, Duration lease) throws DirectoryException;

  /**
   * Extends the lease by its lease time from now.
   *
   * @return false when the lease already lapsed or was superseded: the caller must stop serving
   */
  boolean renew(PrimaryLease lease) throws DirectoryException;

  /** Ends the lease now, so its vaults can be taken over at once. */
  void leave(PrimaryLease lease) throws DirectoryException;

  /**
   * The live owner of a vault. When there is none, or the owner's lease lapsed, assigns the least
   * loaded live primary (fewest vaults owned) with a new epoch.
   *
   * @throws NoLivePrimaryException when no primary is live (temporary)
   */
  VaultOwner owner(String vaultId) throws DirectoryException;

  /** The recorded owner, live or not, without assigning one. */
  Optional<VaultOwner> currentOwner(String vaultId) throws DirectoryException;

  /**
   * Gives a vault to {@code primary} (which must be live) with a new epoch: the old owner's writes
   * are fenced off from then on (ADR 0281).
   */
  VaultOwner move(String vaultId, String primary) throws DirectoryException;

  /** Every primary ever joined, by name. */
  List<PrimaryStatus> primaries() throws DirectoryException;
}
