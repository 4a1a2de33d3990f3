package dev.mailvault.mailauth.dkim;

/** A signature's verification stopped with a verdict other than PASS. */
final class DkimCheckFailure extends Exception {

  private static final long serialVersionUID = 1L;

  private final DkimStatus status;

  DkimCheckFailure(DkimStatus status, String reason) {
    super(reason, null, false, false);
    this.status = status;
  }

  DkimStatus status() {
    return status;
  }

  static DkimCheckFailure permerror(String reason) {
    return new DkimCheckFailure(DkimStatus.PERMERROR, reason);
  }

  static DkimCheckFailure fail(String reason) {
    return new DkimCheckFailure(DkimStatus.FAIL, reason);
  }
}
