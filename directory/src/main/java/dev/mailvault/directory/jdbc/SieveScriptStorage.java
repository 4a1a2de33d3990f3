package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Jdbc.exists;
import static dev.mailvault.directory.jdbc.Jdbc.queryAll;
import static dev.mailvault.directory.jdbc.Jdbc.queryOne;
import static dev.mailvault.directory.jdbc.Jdbc.update;
import static dev.mailvault.directory.jdbc.SharedQueries.requireAlias;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.DirectoryException;
import dev.mailvault.directory.SieveLimits;
import dev.mailvault.directory.SieveScriptException;
import dev.mailvault.directory.SieveScriptException.Reason;
import dev.mailvault.directory.SieveScriptInfo;
import dev.mailvault.directory.UnknownAliasException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The aliases' Sieve scripts in table {@code sieve_scripts} (ADR 0249), with RFC 5804's rules:
 * names unique per alias, at most one active (also a partial unique index), the active one not
 * deletable. Each operation is one short transaction, so the count and size checks hold against
 * concurrent uploads.
 */
final class SieveScriptStorage {

  private final DirectoryDatabase db;
  private final Clock clock;
  private final SieveLimits limits;

  SieveScriptStorage(DirectoryDatabase db, Clock clock, SieveLimits limits) {
    this.db = db;
    this.clock = clock;
    this.limits = limits;
  }

  SieveLimits limits() {
    return limits;
  }

  List<SieveScriptInfo> list(EmailAddress alias) throws UnknownAliasException {
    return db.read(
        c ->
            queryAll(
                c,
                DirectorySql.LIST_SIEVE_SCRIPTS,
                rs ->
                    new SieveScriptInfo(
                        rs.getString(1),
                        rs.getBoolean(2),
                        rs.getString(3).getBytes(StandardCharsets.UTF_8).length,
                        Instant.parse(rs.getString(4))),
                requireAlias(c, alias).id()));
  }

  Optional<String> get(EmailAddress alias, String name) throws UnknownAliasException {
    return Optional.ofNullable(
        db.read(
            c ->
                queryOne(
                    c,
                    DirectorySql.SELECT_SIEVE_SCRIPT,
                    rs -> rs.getString(1),
                    requireAlias(c, alias).id(),
                    name)));
  }

  void put(EmailAddress alias, String name, String text)
      throws UnknownAliasException, SieveScriptException {
    checkName(name);
    if (text.getBytes(StandardCharsets.UTF_8).length > limits.maxScriptOctets()) {
      throw new SieveScriptException(Reason.TOO_LARGE);
    }
    write(
        c -> {
          long aliasId = requireAlias(c, alias).id();
          String now = now();
          if (update(c, DirectorySql.UPDATE_SIEVE_SCRIPT, text, now, aliasId, name) > 0) {
            return null;
          }
          long count = queryOne(c, DirectorySql.COUNT_SIEVE_SCRIPTS, rs -> rs.getLong(1), aliasId);
          if (count >= limits.maxScripts()) {
            throw new SieveScriptException(Reason.TOO_MANY);
          }
          update(c, DirectorySql.INSERT_SIEVE_SCRIPT, aliasId, name, text, false, now, now);
          return null;
        });
  }

  void setActive(EmailAddress alias, Optional<String> name)
      throws UnknownAliasException, SieveScriptException {
    write(
        c -> {
          long aliasId = requireAlias(c, alias).id();
          if (name.isPresent()
              && !exists(c, DirectorySql.SELECT_SIEVE_SCRIPT, aliasId, name.get())) {
            throw new SieveScriptException(Reason.NO_SUCH_SCRIPT);
          }
          // Off first, then on: the one-active index must hold after each statement.
          update(c, DirectorySql.DEACTIVATE_SIEVE_SCRIPTS, false, aliasId);
          if (name.isPresent()) {
            update(c, DirectorySql.ACTIVATE_SIEVE_SCRIPT, true, aliasId, name.get());
          }
          return null;
        });
  }

  void delete(EmailAddress alias, String name) throws UnknownAliasException, SieveScriptException {
    write(
        c -> {
          long aliasId = requireAlias(c, alias).id();
          Boolean active =
              queryOne(
                  c, DirectorySql.SIEVE_SCRIPT_IS_ACTIVE, rs -> rs.getBoolean(1), aliasId, name);
          if (active == null) {
            throw new SieveScriptException(Reason.NO_SUCH_SCRIPT);
          }
          if (active) {
            throw new SieveScriptException(Reason.ACTIVE);
          }
          update(c, DirectorySql.DELETE_SIEVE_SCRIPT, aliasId, name);
          return null;
        });
  }

  void rename(EmailAddress alias, String oldName, String newName)
      throws UnknownAliasException, SieveScriptException {
    checkName(newName);
    write(
        c -> {
          long aliasId = requireAlias(c, alias).id();
          if (!exists(c, DirectorySql.SELECT_SIEVE_SCRIPT, aliasId, oldName)) {
            throw new SieveScriptException(Reason.NO_SUCH_SCRIPT);
          }
          if (exists(c, DirectorySql.SELECT_SIEVE_SCRIPT, aliasId, newName)) {
            throw new SieveScriptException(Reason.NAME_TAKEN);
          }
          update(c, DirectorySql.RENAME_SIEVE_SCRIPT, newName, now(), aliasId, oldName);
          return null;
        });
  }

  Optional<String> active(EmailAddress alias) {
    return Optional.ofNullable(
        db.read(
            c ->
                queryOne(
                    c,
                    DirectorySql.ACTIVE_SIEVE_SCRIPT,
                    rs -> rs.getString(1),
                    alias.canonical())));
  }

  private void checkName(String name) throws SieveScriptException {
    if (!limits.validName(name)) {
      throw new SieveScriptException(Reason.BAD_NAME);
    }
  }

  /** Runs {@code work} in a write transaction, passing on the refusals callers expect. */
  private void write(SqlWork<Void, DirectoryException> work)
      throws UnknownAliasException, SieveScriptException {
    try {
      db.write(work);
    } catch (UnknownAliasException | SieveScriptException e) {
      throw e;
    } catch (DirectoryException e) {
      throw new IllegalStateException(e);
    }
  }

  private String now() {
    return clock.instant().toString();
  }
}
