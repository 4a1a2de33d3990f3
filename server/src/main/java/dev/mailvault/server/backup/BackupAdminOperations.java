package dev.mailvault.server.backup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.directory.Directory;
import dev.mailvault.server.admin.AdminException;
import dev.mailvault.server.admin.AdminOperations;
import dev.mailvault.server.app.BackupOperations;
import dev.mailvault.server.app.PasswordRequiredException;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.backup.BackupResult;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The backup operations a running {@code serve} offers on its admin socket: {@code backup.create}
 * (one alias), {@code backup.create-all} (every vault it holds open) and {@code backup.restore}.
 */
public final class BackupAdminOperations {

  private final BackupOperations operations;
  private final BackupService backups;
  private final VaultStore vaults;

  private BackupAdminOperations(
      BackupOperations operations, BackupService backups, VaultStore vaults) {
    this.operations = operations;
    this.backups = backups;
    this.vaults = vaults;
  }

  public static void register(
      AdminOperations registry, Directory directory, BackupService backups, VaultStore vaults) {
    BackupAdminOperations ops =
        new BackupAdminOperations(new BackupOperations(directory, backups), backups, vaults);
    registry.register("backup.create", ops::create);
    registry.register("backup.create-all", ops::createAll);
    registry.register("backup.restore", ops::restore);
  }

  private Map<String, ?> create(JsonNode args, Consumer<String> progress)
      throws MailvaultException {
    EmailAddress address = EmailAddress.parse(args.path("address").asText(""));
    char[] password = password(args);
    try {
      return BackupReports.data(address.toString(), operations.create(address, password));
    } catch (PasswordRequiredException e) {
      throw new AdminException(
          AdminException.PASSWORD_REQUIRED, "the vault is not open in the server");
    } finally {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
    }
  }

  private Map<String, ?> createAll(JsonNode args, Consumer<String> progress) {
    List<Map<String, Object>> results = new ArrayList<>();
    for (String vaultId : vaults.openVaultIds()) {
      Optional<EmailAddress> address = backups.addressOf(vaultId);
      Optional<Vault> open = vaults.openIfUnlocked(vaultId, QuotaLedger.UNLIMITED);
      if (address.isEmpty() || open.isEmpty()) {
        continue; // removed or closed meanwhile
      }
      Map<String, Object> one;
      try (Vault vault = open.get()) {
        BackupResult result = backups.backUp(vault, address.get());
        one = BackupReports.data(address.get().toString(), result);
        progress.accept(BackupReports.human(address.get().toString(), result));
      } catch (MailvaultException e) {
        one = new LinkedHashMap<>();
        one.put("address", address.get().toString());
        one.put("outcome", "failed");
        one.put("reason", e.getMessage());
        progress.accept("backup of " + address.get() + " failed: " + e.getMessage());
      }
      results.add(one);
    }
    return Map.of("vaults", results);
  }

  private Map<String, ?> restore(JsonNode args, Consumer<String> progress)
      throws MailvaultException {
    EmailAddress address = EmailAddress.parse(args.path("address").asText(""));
    Instant at = null;
    if (args.hasNonNull("at")) {
      try {
        at = Instant.parse(args.get("at").asText());
      } catch (DateTimeParseException e) {
        throw new MailvaultException("'at' is not a time");
      }
    }
    char[] password = password(args);
    if (password == null) {
      throw new AdminException(AdminException.PASSWORD_REQUIRED, "a restore needs the password");
    }
    try {
      return RestoreReports.data(
          address.toString(),
          operations.restore(address, at, password, BackupService.Transfer.NONE));
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static char[] password(JsonNode args) {
    String password = args.path("password").asText("");
    return password.isEmpty() ? null : password.toCharArray();
  }
}
