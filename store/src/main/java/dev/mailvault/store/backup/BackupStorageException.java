package dev.mailvault.store.backup;

import dev.mailvault.core.error.MailvaultException;
import java.io.IOException;

/** The backup target or the staging directory failed (unreachable bucket, full disk). */
public final class BackupStorageException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public BackupStorageException(String what, IOException cause) {
    super(what + ": " + cause.getMessage(), cause);
  }
}
