package dev.mailvault.server.backup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.UnknownAliasException;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.server.admin.AdminException;
import dev.mailvault.server.admin.AdminOperations;
import dev.mailvault.server.app.BackupOperations;
import dev.mailvault.server.app.PasswordRequiredException;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.backup.BackupManifest;
import dev.mailvault.store.backup.BackupResult;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The backup operations a running {@code serve} offers on its admin socket: {@code backup.create}
 * (one alias), {@code backup.create-all} (every vault it holds open) and {@code backup.restore}.
 *
 * <p>A primary offers them to front-ends too (ADR 0286), with what a front-end's web features need
 * besides: {@code backup.list}, {@code backup.read} (one piece of a backup's encrypted bytes),
 * {@code backup.create-unlocked} (a My account session's keys, no password), {@code backup.target}
 * and {@code vault.open-ids}. A front-end sends those about one alias to its vault's owner, which
 * refuses a vault it does not own before any runs. With {@code "wire": true}, create and restore
 * answer in {@link BackupWire}'s whole form instead of {@link BackupReports}'.
 */
public final class BackupAdminOperations {

  /**
   * The most {@code backup.read} answers at once: an RPC answer stays small (ADR 0286), and a
   * download's memory on either side is a piece or two, whatever the backup's size.
   */
  public static final int MAX_READ = 1024 * 1024;

  private final Directory directory;
  private final BackupOperations operations;
  private final BackupService backups;
  private final VaultStore vaults;

  private BackupAdminOperations(Directory directory, BackupService backups, VaultStore vaults) {
    this.directory = directory;
    this.operations = new BackupOperations(directory, backups);
    this.backups = backups;
    this.vaults = vaults;
  }

  public static void register(
      AdminOperations registry, Directory directory, BackupService backups, VaultStore vaults) {
    BackupAdminOperations ops = new BackupAdminOperations(directory, backups, vaults);
    registry.register("backup.create", ops::create);
    registry.register("backup.create-all", ops::createAll);
    registry.register("backup.restore", ops::restore);
    registry.register("backup.create-unlocked", ops::createUnlocked);
    registry.register("backup.list", ops::list);
    registry.register("backup.read", ops::read);
    registry.register(
        "backup.target", (args, progress) -> Map.of("target", backups.describeTarget()));
    registry.register(
        "vault.open-ids",
        (args, progress) -> Map.of("vaultIds", List.copyOf(backups.openVaultIds())));
  }

  private Map<String, ?> create(JsonNode args, Consumer<String> progress)
      throws MailvaultException {
    EmailAddress address = EmailAddress.parse(args.path("address").asText(""));
    char[] password = password(args);
    try {
      BackupResult result = operations.create(address, password);
      return wire(args)
          ? BackupWire.result(result)
          : BackupReports.data(address.toString(), result);
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
    Instant at = time(args, "at");
    char[] password = password(args);
    if (password == null) {
      throw new AdminException(AdminException.PASSWORD_REQUIRED, "a restore needs the password");
    }
    try {
      BackupService.RestoreReport report =
          operations.restore(address, at, password, BackupService.Transfer.NONE);
      return wire(args)
          ? BackupWire.restore(report)
          : RestoreReports.data(address.toString(), report);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * Backs up an alias a front-end's My account session holds unlocked: the request carries the
   * session's data and spool keys (the cluster's link is mutual TLS; ADR 0286). The vault is the
   * one this node's directory names for the address, whatever the sender thought.
   */
  private Map<String, ?> createUnlocked(JsonNode args, Consumer<String> progress)
      throws MailvaultException {
    EmailAddress address = EmailAddress.parse(args.path("address").asText(""));
    String vaultId =
        directory
            .findAlias(address)
            .map(AliasRoute::vaultId)
            .orElseThrow(() -> new UnknownAliasException("no such alias"));
    byte[] dataKey = key(args, "dataKey");
    byte[] spoolKey = key(args, "spoolKey");
    try (UnlockedAlias alias =
        new UnlockedAlias(
            address, vaultId, SecretBytes.copyOf(dataKey), SecretBytes.copyOf(spoolKey))) {
      return BackupWire.result(operations.create(alias));
    } finally {
      Arrays.fill(dataKey, (byte) 0);
      Arrays.fill(spoolKey, (byte) 0);
    }
  }

  private Map<String, ?> list(JsonNode args, Consumer<String> progress) throws MailvaultException {
    EmailAddress address = EmailAddress.parse(args.path("address").asText(""));
    List<Map<String, Object>> manifests = new ArrayList<>();
    for (BackupManifest manifest : operations.list(address)) {
      manifests.add(BackupWire.manifest(manifest));
    }
    return Map.of("manifests", manifests);
  }

  /** One piece of a backup's encrypted bytes: at most {@link #MAX_READ} from {@code offset}. */
  private Map<String, ?> read(JsonNode args, Consumer<String> progress) throws MailvaultException {
    // By vault id, as the manifest names it: the front-end routed the request by the same id, and
    // this node refused it unless it owns that vault.
    String vaultId = args.path("vaultId").asText("");
    Instant created = time(args, "created");
    if (vaultId.isEmpty() || created == null) {
      throw new MailvaultException("'vaultId' and 'created' name the backup");
    }
    long offset = args.path("offset").asLong(-1);
    int length = args.path("length").asInt(MAX_READ);
    if (offset < 0 || length < 1) {
      throw new MailvaultException("'offset' is 0 or more and 'length' 1 or more");
    }
    byte[] piece = backups.read(vaultId, created, offset, Math.min(length, MAX_READ));
    return Map.of("bytes", Base64.getEncoder().encodeToString(piece));
  }

  private static boolean wire(JsonNode args) {
    return args.path("wire").asBoolean(false);
  }

  private static byte[] key(JsonNode args, String name) throws MailvaultException {
    try {
      return Base64.getDecoder().decode(args.path(name).asText(""));
    } catch (IllegalArgumentException e) {
      throw new MailvaultException("'" + name + "' is not base64");
    }
  }

  private static Instant time(JsonNode args, String name) throws MailvaultException {
    if (!args.hasNonNull(name)) {
      return null;
    }
    try {
      return Instant.parse(args.get(name).asText());
    } catch (DateTimeParseException e) {
      throw new MailvaultException("'" + name + "' is not a time");
    }
  }

  private static char[] password(JsonNode args) {
    String password = args.path("password").asText("");
    return password.isEmpty() ? null : password.toCharArray();
  }
}
