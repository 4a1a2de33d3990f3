package dev.mailvault.server.app;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.store.export.ExportFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Background exports of an alias's mail for the API and My account (ADR 0262): each one kept,
 * sealed, for its owner (an API token's id, a My account session's vault) until it is downloaded
 * once or its hour is up. The node that holds the vault runs them ({@link ExportJobs}); a cluster's
 * front-end reaches its primaries' (ADR 0286).
 */
public interface Exports {

  /** The state of a job. */
  enum State {
    RUNNING,
    DONE,
    FAILED
  }

  /** What a client sees of a job. */
  record Status(
      String id,
      String address,
      ExportFormat format,
      State state,
      long messagesDone,
      long messagesTotal,
      long bytes,
      Optional<String> error,
      Instant created,
      Instant expires) {}

  /**
   * Starts an export with the alias's password (which also keys a sqlite export).
   *
   * @param owner who may see and download it (e.g. an API token's id, an alias's address)
   * @throws WrongPasswordException when the password does not unlock the alias
   */
  Status start(String owner, EmailAddress address, ExportFormat format, char[] password)
      throws MailvaultException;

  /**
   * Starts an export of an alias already unlocked (a My account session's).
   *
   * @param sqlitePassword the key of a sqlite export (its password); unused by the other formats
   */
  Status start(String owner, UnlockedAlias alias, ExportFormat format, char[] sqlitePassword)
      throws MailvaultException;

  /** The job, if it exists and belongs to {@code owner}. */
  Optional<Status> status(String id, String owner) throws MailvaultException;

  /** Every job of {@code owner}, oldest first. */
  List<Status> list(String owner) throws MailvaultException;

  /**
   * Takes a finished export for its one download: the job leaves the list at once, and its bytes
   * are deleted when the returned download is closed.
   *
   * @return empty when there is no such job of this owner or it is not done
   */
  Optional<Download> take(String id, String owner) throws MailvaultException;

  /** A finished export's bytes, once; closing deletes them. */
  interface Download extends AutoCloseable {

    Status status();

    /** The file name to offer, e.g. {@code export-ID.mbox}. */
    String fileName();

    /** The plaintext's length in bytes. */
    long length();

    void writeTo(OutputStream out) throws IOException;

    @Override
    void close();
  }
}
