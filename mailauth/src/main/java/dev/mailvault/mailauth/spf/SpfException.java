package dev.mailvault.mailauth.spf;

/** Ends an evaluation early with a temperror or permerror (RFC 7208 §2.6.6, §2.6.7). */
final class SpfException extends Exception {

  private static final long serialVersionUID = 1L;

  private final SpfStatus status;

  SpfException(SpfStatus status, String reason) {
    super(reason, null, false, false);
    this.status = status;
  }

  static SpfException perm(String reason) {
    return new SpfException(SpfStatus.PERMERROR, reason);
  }

  static SpfException temp(String reason) {
    return new SpfException(SpfStatus.TEMPERROR, reason);
  }

  SpfStatus status() {
    return status;
  }
}
