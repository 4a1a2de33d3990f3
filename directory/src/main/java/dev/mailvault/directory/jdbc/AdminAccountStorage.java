package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Jdbc.exists;
import static dev.mailvault.directory.jdbc.Jdbc.queryAll;
import static dev.mailvault.directory.jdbc.Jdbc.queryOne;
import static dev.mailvault.directory.jdbc.Jdbc.update;

import dev.mailvault.core.crypto.Argon2Params;
import dev.mailvault.core.crypto.PasswordGenerator;
import dev.mailvault.core.crypto.PasswordKdf;
import dev.mailvault.core.crypto.RandomIds;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.directory.AdminAccounts;
import dev.mailvault.directory.AdminCredentials;
import dev.mailvault.directory.AdminExistsException;
import dev.mailvault.directory.AdminInfo;
import dev.mailvault.directory.AdminName;
import dev.mailvault.directory.InvalidAdminNameException;
import dev.mailvault.directory.PasswordPolicy;
import dev.mailvault.directory.UnknownAdminException;
import dev.mailvault.directory.WeakPasswordException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The console's admins in tables {@code admin_accounts} and {@code admin_recovery_codes} (ADR
 * 0263). The password hash is Argon2id through the same KDF and parameters as new aliases; the TOTP
 * secret and recovery-code digests come sealed and keyed by the server and are stored as given.
 * Derivations run before or after a transaction, never inside one.
 */
final class AdminAccountStorage implements AdminAccounts {

  private static final String COLUMNS =
      "name, password_params, password_salt, password_hash, totp_sealed, totp_last_step, enrolled,"
          + " created_at";
  private static final String INSERT =
      "INSERT INTO admin_accounts (" + COLUMNS + ") VALUES (?, ?, ?, ?, NULL, 0, ?, ?)";
  private static final String LIST =
      "SELECT a.name, a.enrolled, (SELECT COUNT(*) FROM admin_recovery_codes r WHERE r.admin_id ="
          + " a.id), a.created_at FROM admin_accounts a";
  private static final String SELECT_ID = "SELECT id FROM admin_accounts WHERE name = ?";
  private static final String SELECT_SECRET =
      "SELECT name, password_params, password_salt, password_hash, totp_sealed, totp_last_step,"
          + " enrolled FROM admin_accounts WHERE name = ?";
  private static final String DELETE_CODES = "DELETE FROM admin_recovery_codes WHERE admin_id = ?";
  private static final String DELETE_ADMIN = "DELETE FROM admin_accounts WHERE id = ?";
  private static final String RESET =
      "UPDATE admin_accounts SET totp_sealed = NULL, enrolled = ? WHERE id = ?";
  private static final String ENROLL =
      "UPDATE admin_accounts SET totp_sealed = ?, totp_last_step = ?, enrolled = ? WHERE id = ? AND"
          + " enrolled = ?";
  private static final String INSERT_CODE =
      "INSERT INTO admin_recovery_codes (admin_id, code_digest) VALUES (?, ?)";
  private static final String ACCEPT_STEP =
      "UPDATE admin_accounts SET totp_last_step = ? WHERE name = ? AND enrolled = ? AND"
          + " totp_last_step < ?";
  private static final String USE_CODE =
      "DELETE FROM admin_recovery_codes WHERE code_digest = ? AND admin_id = (SELECT id FROM"
          + " admin_accounts WHERE name = ? AND enrolled = ?)";

  private final DirectoryDatabase db;
  private final PasswordKdf kdf;
  private final Argon2Params params;
  private final Clock clock;

  /** For unknown names: derived from like a real salt so the cost is the same. */
  private final byte[] dummySalt = RandomIds.bytes(PasswordKdf.SALT_LENGTH);

  AdminAccountStorage(DirectoryDatabase db, PasswordKdf kdf, Argon2Params params, Clock clock) {
    this.db = db;
    this.kdf = kdf;
    this.params = params;
    this.clock = clock;
  }

  @Override
  public char[] add(String name) throws AdminExistsException, InvalidAdminNameException {
    char[] generated = PasswordGenerator.generate();
    try {
      insert(AdminName.canonical(name), generated);
      return generated;
    } catch (AdminExistsException | InvalidAdminNameException | RuntimeException e) {
      Arrays.fill(generated, '\0');
      throw e;
    }
  }

  @Override
  public void add(String name, char[] password)
      throws AdminExistsException, InvalidAdminNameException, WeakPasswordException {
    String canonical = AdminName.canonical(name);
    PasswordPolicy.check(password);
    insert(canonical, password);
  }

  private void insert(String name, char[] password) throws AdminExistsException {
    byte[] salt = RandomIds.bytes(PasswordKdf.SALT_LENGTH);
    byte[] hash;
    try (SecretBytes derived = kdf.derive(password, salt, params)) {
      hash = derived.bytes();
    }
    try {
      db.write(
          c -> {
            if (exists(c, SELECT_ID, name)) {
              throw new AdminExistsException();
            }
            update(c, INSERT, name, params.encoded(), salt, hash, false, now());
            return null;
          });
    } finally {
      Arrays.fill(hash, (byte) 0);
    }
  }

  @Override
  public List<AdminInfo> list() {
    return db.read(c -> queryAll(c, LIST + " ORDER BY a.name", AdminAccountStorage::info));
  }

  @Override
  public Optional<AdminInfo> find(String name) {
    if (!AdminName.valid(name)) {
      return Optional.empty();
    }
    String canonical = name.toLowerCase(java.util.Locale.ROOT);
    return Optional.ofNullable(
        db.read(
            c -> queryOne(c, LIST + " WHERE a.name = ?", AdminAccountStorage::info, canonical)));
  }

  @Override
  public void remove(String name) throws UnknownAdminException {
    String canonical = known(name);
    db.write(
        c -> {
          long id = requireId(c, canonical);
          update(c, DELETE_CODES, id);
          update(c, DELETE_ADMIN, id);
          return null;
        });
  }

  @Override
  public void resetTwoFactor(String name) throws UnknownAdminException {
    String canonical = known(name);
    db.write(
        c -> {
          long id = requireId(c, canonical);
          update(c, DELETE_CODES, id);
          // The last step stays: it only ever grows, whatever secret it was counted under.
          update(c, RESET, false, id);
          return null;
        });
  }

  @Override
  public Optional<AdminCredentials> authenticate(String name, char[] password) {
    if (!AdminName.valid(name)) {
      kdf.derive(password, dummySalt, params).destroy();
      return Optional.empty();
    }
    Stored stored = db.read(c -> queryOne(c, SELECT_SECRET, Stored::of, canonicalOf(name)));
    if (stored == null) {
      kdf.derive(password, dummySalt, params).destroy();
      return Optional.empty();
    }
    boolean match;
    try (SecretBytes derived = kdf.derive(password, stored.salt, stored.params)) {
      match = derived.apply(bytes -> MessageDigest.isEqual(bytes, stored.hash));
    }
    return match ? Optional.of(stored.credentials()) : Optional.empty();
  }

  @Override
  public Optional<AdminCredentials> credentials(String name) {
    if (!AdminName.valid(name)) {
      return Optional.empty();
    }
    Stored stored = db.read(c -> queryOne(c, SELECT_SECRET, Stored::of, canonicalOf(name)));
    return stored == null ? Optional.empty() : Optional.of(stored.credentials());
  }

  @Override
  public boolean enroll(String name, byte[] sealedSecret, long step, List<byte[]> recoveryDigests)
      throws UnknownAdminException {
    String canonical = known(name);
    return db.write(
        c -> {
          long id = requireId(c, canonical);
          if (update(c, ENROLL, sealedSecret, step, true, id, false) == 0) {
            return false;
          }
          update(c, DELETE_CODES, id);
          for (byte[] digest : recoveryDigests) {
            update(c, INSERT_CODE, id, digest);
          }
          return true;
        });
  }

  @Override
  public boolean acceptStep(String name, long step) {
    if (!AdminName.valid(name)) {
      return false;
    }
    return db.write(c -> update(c, ACCEPT_STEP, step, canonicalOf(name), true, step) == 1);
  }

  @Override
  public boolean useRecoveryCode(String name, byte[] digest) {
    if (!AdminName.valid(name)) {
      return false;
    }
    return db.write(c -> update(c, USE_CODE, digest, canonicalOf(name), true) == 1);
  }

  private static String known(String name) throws UnknownAdminException {
    if (!AdminName.valid(name)) {
      throw new UnknownAdminException();
    }
    return canonicalOf(name);
  }

  private static String canonicalOf(String validName) {
    return validName.toLowerCase(java.util.Locale.ROOT);
  }

  private static long requireId(Connection c, String name)
      throws SQLException, UnknownAdminException {
    Long id = queryOne(c, SELECT_ID, rs -> rs.getLong(1), name);
    if (id == null) {
      throw new UnknownAdminException();
    }
    return id;
  }

  private static AdminInfo info(ResultSet rs) throws SQLException {
    return new AdminInfo(
        rs.getString(1), rs.getBoolean(2), rs.getInt(3), Instant.parse(rs.getString(4)));
  }

  private String now() {
    return clock.instant().toString();
  }

  /** A row of {@link #SELECT_SECRET}. */
  private record Stored(
      String name,
      Argon2Params params,
      byte[] salt,
      byte[] hash,
      byte[] sealed,
      long lastStep,
      boolean enrolled) {

    static Stored of(ResultSet rs) throws SQLException {
      return new Stored(
          rs.getString(1),
          Argon2Params.parse(rs.getString(2)),
          rs.getBytes(3),
          rs.getBytes(4),
          rs.getBytes(5),
          rs.getLong(6),
          rs.getBoolean(7));
    }

    AdminCredentials credentials() {
      return new AdminCredentials(name, enrolled, Optional.ofNullable(sealed), lastStep);
    }
  }
}
