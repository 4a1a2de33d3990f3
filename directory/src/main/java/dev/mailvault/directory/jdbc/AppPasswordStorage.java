package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Jdbc.queryAll;
import static dev.mailvault.directory.jdbc.Jdbc.queryOne;
import static dev.mailvault.directory.jdbc.Jdbc.update;
import static dev.mailvault.directory.jdbc.SharedQueries.requireAlias;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.crypto.KeyWrap;
import dev.mailvault.core.crypto.RandomIds;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.crypto.UnwrapException;
import dev.mailvault.core.crypto.WrapPurpose;
import dev.mailvault.directory.AppPasswordException;
import dev.mailvault.directory.AppPasswordInfo;
import dev.mailvault.directory.AppPasswords;
import dev.mailvault.directory.ConcurrentChangeException;
import dev.mailvault.directory.DirectoryException;
import dev.mailvault.directory.DirectoryStorageException;
import dev.mailvault.directory.NewAppPassword;
import dev.mailvault.directory.UnknownAliasException;
import dev.mailvault.directory.UnlockedAlias;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * App-specific passwords (ADR 0266): each row wraps the alias's data key under a key derived from
 * one server-generated 100-bit secret with HMAC-SHA256 (a slow KDF adds nothing to a random secret
 * of that size), so a login tries every app password of the alias for the cost of a few MACs.
 */
final class AppPasswordStorage {

  static final int MAX_PER_ALIAS = 20;
  static final int MAX_LABEL = 64;
  static final String KDF = "hmac-sha256";

  private static final int SALT_LENGTH = 16;
  private static final byte[] KDF_LABEL =
      "mailvault:apppassword-kdf:v1:".getBytes(StandardCharsets.US_ASCII);

  private static final String INSERT =
      "INSERT INTO alias_app_passwords (id, alias_id, label, kdf, kdf_salt, wrapped_data_key,"
          + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String COUNT = "SELECT COUNT(*) FROM alias_app_passwords WHERE alias_id = ?";
  private static final String LIST =
      "SELECT id, label, created_at, last_used_at FROM alias_app_passwords WHERE alias_id = ?"
          + " ORDER BY created_at, id";
  private static final String WRAPS =
      "SELECT id, kdf, kdf_salt, wrapped_data_key FROM alias_app_passwords WHERE alias_id = ?";
  private static final String TOUCH =
      "UPDATE alias_app_passwords SET last_used_at = ? WHERE id = ?";
  private static final String DELETE =
      "DELETE FROM alias_app_passwords WHERE alias_id = ? AND id = ?";
  private static final String DELETE_ALIAS = "DELETE FROM alias_app_passwords WHERE alias_id = ?";
  private static final String DELETE_DOMAIN =
      "DELETE FROM alias_app_passwords WHERE alias_id IN (SELECT id FROM aliases WHERE domain_id = ?)";

  private final DirectoryDatabase db;
  private final Clock clock;

  AppPasswordStorage(DirectoryDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  NewAppPassword add(UnlockedAlias unlocked, String label)
      throws UnknownAliasException, AppPasswordException, ConcurrentChangeException {
    String cleanLabel = checkLabel(label);
    char[] password = AppPasswords.generate();
    char[] canonical = AppPasswords.normalise(password);
    boolean done = false;
    try {
      String id = RandomIds.hex(8);
      byte[] salt = RandomIds.bytes(SALT_LENGTH);
      byte[] wrapped;
      try (SecretBytes kek = derive(canonical, salt)) {
        wrapped = KeyWrap.wrap(kek, unlocked.dataKey(), aad(unlocked.vaultId(), id));
      }
      Instant now = clock.instant();
      try {
        db.write(c -> insert(c, unlocked, id, cleanLabel, salt, wrapped, now));
      } catch (UnknownAliasException | AppPasswordException | ConcurrentChangeException e) {
        throw e;
      } catch (DirectoryException e) {
        throw new IllegalStateException(e);
      }
      done = true;
      return new NewAppPassword(
          new AppPasswordInfo(id, cleanLabel, now, Optional.empty()), password);
    } finally {
      Arrays.fill(canonical, '\0');
      if (!done) {
        Arrays.fill(password, '\0');
      }
    }
  }

  private Void insert(
      Connection c,
      UnlockedAlias unlocked,
      String id,
      String label,
      byte[] salt,
      byte[] wrapped,
      Instant now)
      throws SQLException, DirectoryException {
    AliasRow alias = requireAlias(c, unlocked.address());
    // A reset since the unlock made a new data key: this wrap would open nothing.
    if (!alias.vaultId().equals(unlocked.vaultId())) {
      throw new ConcurrentChangeException("the alias's keys changed meanwhile; log in again");
    }
    long count = queryOne(c, COUNT, rs -> rs.getLong(1), alias.id());
    if (count >= MAX_PER_ALIAS) {
      throw new AppPasswordException(
          "at most " + MAX_PER_ALIAS + " app passwords; revoke one first");
    }
    update(c, INSERT, id, alias.id(), label, KDF, salt, wrapped, now.toString());
    return null;
  }

  List<AppPasswordInfo> list(EmailAddress address) throws UnknownAliasException {
    return db.read(
        c ->
            queryAll(
                c,
                LIST,
                rs ->
                    new AppPasswordInfo(
                        rs.getString(1),
                        rs.getString(2),
                        Instant.parse(rs.getString(3)),
                        Optional.ofNullable(rs.getString(4)).map(Instant::parse)),
                requireAlias(c, address).id()));
  }

  boolean revoke(EmailAddress address, String id) throws UnknownAliasException {
    if (id == null || id.length() > 32) {
      return false;
    }
    return db.write(c -> update(c, DELETE, requireAlias(c, address).id(), id) > 0);
  }

  /**
   * The alias unlocked by one of its app passwords ({@code canonical}, from {@link
   * AppPasswords#normalise}), or null when none matches. Every row is tried, so the cost does not
   * tell which one matched.
   */
  UnlockedAlias unlock(AliasRow alias, AliasKeys keys, char[] canonical) {
    List<Wrap> wraps = db.read(c -> queryAll(c, WRAPS, AppPasswordStorage::wrap, alias.id()));
    SecretBytes dataKey = null;
    String matched = null;
    for (Wrap w : wraps) {
      if (!KDF.equals(w.kdf)) {
        continue;
      }
      try (SecretBytes kek = derive(canonical, w.salt)) {
        SecretBytes key = KeyWrap.unwrap(kek, w.wrapped, aad(alias.vaultId(), w.id));
        if (dataKey == null) {
          dataKey = key;
          matched = w.id;
        } else {
          key.destroy();
        }
      } catch (UnwrapException notThisOne) {
        // the next row may match
      }
    }
    if (dataKey == null) {
      return null;
    }
    try {
      SecretBytes spoolKey =
          keys.unwrapSpoolKey(alias.vaultId(), dataKey, alias.wrappedSpoolPrivateKey());
      String id = matched;
      db.write(c -> update(c, TOUCH, clock.instant().toString(), id));
      return new UnlockedAlias(alias.address(), alias.vaultId(), dataKey, spoolKey);
    } catch (UnwrapException e) {
      dataKey.destroy();
      throw new DirectoryStorageException("an alias's wrapped spool key is damaged", e);
    } catch (RuntimeException e) {
      dataKey.destroy();
      throw e;
    }
  }

  /** Deletes an alias's app passwords (removal, or a reset's new data key). */
  static void forgetAlias(Connection c, long aliasId) throws SQLException {
    update(c, DELETE_ALIAS, aliasId);
  }

  static void forgetDomainAliases(Connection c, long domainId) throws SQLException {
    update(c, DELETE_DOMAIN, domainId);
  }

  private static String checkLabel(String label) throws AppPasswordException {
    String trimmed = label == null ? "" : label.strip();
    if (trimmed.isEmpty() || trimmed.length() > MAX_LABEL) {
      throw new AppPasswordException("a label is 1 to " + MAX_LABEL + " characters");
    }
    for (int i = 0; i < trimmed.length(); i++) {
      if (Character.isISOControl(trimmed.charAt(i))) {
        throw new AppPasswordException("a label is printable text");
      }
    }
    return trimmed;
  }

  private static byte[] aad(String vaultId, String id) {
    return WrapPurpose.APP_PASSWORD_DATA_KEY.associatedData(vaultId + ":" + id);
  }

  /** HMAC-SHA256 keyed by the salt over a label and the 20 canonical symbols (HKDF-Extract). */
  static SecretBytes derive(char[] canonical, byte[] salt) {
    byte[] input = new byte[KDF_LABEL.length + canonical.length];
    System.arraycopy(KDF_LABEL, 0, input, 0, KDF_LABEL.length);
    for (int i = 0; i < canonical.length; i++) {
      input[KDF_LABEL.length + i] = (byte) canonical[i];
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt, "HmacSHA256"));
      byte[] out = mac.doFinal(input);
      try {
        return SecretBytes.copyOf(out);
      } finally {
        Arrays.fill(out, (byte) 0);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    } finally {
      Arrays.fill(input, (byte) 0);
    }
  }

  private static Wrap wrap(java.sql.ResultSet rs) throws SQLException {
    return new Wrap(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getBytes(4));
  }

  private record Wrap(String id, String kdf, byte[] salt, byte[] wrapped) {}
}
