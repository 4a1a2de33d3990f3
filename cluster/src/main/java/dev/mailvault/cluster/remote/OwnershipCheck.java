package dev.mailvault.cluster.remote;

/** The primary's side of placement: may this node serve the vault now (its lease held)? */
public interface OwnershipCheck {
  boolean owns(String vaultId);
}
