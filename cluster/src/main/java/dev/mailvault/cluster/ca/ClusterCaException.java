package dev.mailvault.cluster.ca;

/**
 * The cluster CA could not do what was asked: one readable line naming the file or the check that
 * failed, never a key.
 */
public final class ClusterCaException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ClusterCaException(String message) {
    super(message);
  }
}
