package dev.mailvault.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.UnknownAliasException;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.server.admin.AdminCalls;
import dev.mailvault.server.app.AliasBackups;
import dev.mailvault.server.app.PasswordRequiredException;
import dev.mailvault.server.backup.BackupAdminOperations;
import dev.mailvault.server.backup.BackupService.RestoreReport;
import dev.mailvault.server.backup.BackupService.Transfer;
import dev.mailvault.server.backup.BackupWire;
import dev.mailvault.store.backup.BackupManifest;
import dev.mailvault.store.backup.BackupResult;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A front-end's {@link AliasBackups} (ADR 0286): the backups live with the vaults on the primaries,
 * so each call about an alias runs as the primary's admin operation on the owner of the alias's
 * vault (the directory, shared, says which vault), and a download comes over in pieces of at most
 * {@link BackupAdminOperations#MAX_READ} bytes, one RPC answer each.
 */
public final class RemoteBackups implements AliasBackups {

  private static final Consumer<String> NO_PROGRESS = line -> {};

  private final ClusterAdmin admin;
  private final Directory directory;
  private final int piece;

  public RemoteBackups(ClusterAdmin admin, Directory directory) {
    this(admin, directory, BackupAdminOperations.MAX_READ);
  }

  /**
   * With downloads read {@code piece} bytes at a time, at most {@link
   * BackupAdminOperations#MAX_READ} (a test reads a small backup in many pieces).
   */
  public RemoteBackups(ClusterAdmin admin, Directory directory, int piece) {
    this.admin = admin;
    this.directory = directory;
    this.piece = Math.min(piece, BackupAdminOperations.MAX_READ);
  }

  @Override
  public List<BackupManifest> list(EmailAddress address) throws MailvaultException {
    JsonNode answer = owner(address).call("backup.list", args(address), NO_PROGRESS);
    List<BackupManifest> manifests = new ArrayList<>();
    for (JsonNode manifest : answer.path("manifests")) {
      manifests.add(BackupWire.manifest(manifest));
    }
    return manifests;
  }

  @Override
  public Optional<BackupManifest> find(EmailAddress address, Instant created)
      throws MailvaultException {
    return list(address).stream().filter(m -> m.created().equals(created)).findFirst();
  }

  @Override
  public Optional<BackupResult> backUpIfOpen(EmailAddress address) throws MailvaultException {
    Map<String, Object> args = args(address);
    args.put("wire", true);
    try {
      return Optional.of(
          BackupWire.result(owner(address).call("backup.create", args, NO_PROGRESS)));
    } catch (PasswordRequiredException e) {
      // The primary's way to say the vault is not open there.
      return Optional.empty();
    }
  }

  @Override
  public BackupResult backUpWithPassword(EmailAddress address, char[] password)
      throws MailvaultException {
    Map<String, Object> args = args(address);
    args.put("wire", true);
    // A String cannot be wiped; it lives as long as this request's JSON does, as on the admin
    // socket.
    args.put("password", new String(password));
    return BackupWire.result(owner(address).call("backup.create", args, NO_PROGRESS));
  }

  @Override
  public BackupResult backUpUnlocked(UnlockedAlias alias) throws MailvaultException {
    Map<String, Object> args = args(alias.address());
    byte[] dataKey = alias.dataKey().bytes();
    byte[] spoolKey = alias.spoolPrivateKey().bytes();
    try {
      // Keys cross as a vault's opening does: the cluster's link is mutual TLS (ADR 0286).
      args.put("dataKey", Base64.getEncoder().encodeToString(dataKey));
      args.put("spoolKey", Base64.getEncoder().encodeToString(spoolKey));
    } finally {
      Arrays.fill(dataKey, (byte) 0);
      Arrays.fill(spoolKey, (byte) 0);
    }
    return BackupWire.result(
        owner(alias.address()).call("backup.create-unlocked", args, NO_PROGRESS));
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code transfer} hears nothing here: the primary downloads and checks the backup itself, and
   * progress lines do not cross the cluster's RPC (one request, one answer).
   */
  @Override
  public RestoreReport restore(EmailAddress address, Instant at, char[] password, Transfer transfer)
      throws MailvaultException {
    Map<String, Object> args = args(address);
    args.put("wire", true);
    if (at != null) {
      args.put("at", at.toString());
    }
    args.put("password", new String(password));
    return BackupWire.restore(owner(address).call("backup.restore", args, NO_PROGRESS));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Piece by piece from the vault's owner: two pieces in memory at most, whatever the size.
   */
  @Override
  public void copyTo(BackupManifest manifest, OutputStream out) throws IOException {
    MessageDigest digest = sha256();
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("vaultId", manifest.vaultId());
    args.put("created", manifest.created().toString());
    args.put("length", piece);
    byte[] held = new byte[0];
    long offset = 0;
    while (offset < manifest.size()) {
      args.put("offset", offset);
      byte[] next = read(manifest.vaultId(), args);
      if (next.length == 0) {
        throw new IOException("backup object is shorter than its manifest says");
      }
      out.write(held);
      digest.update(next);
      offset += next.length;
      held = next;
    }
    if (offset != manifest.size() || !MessageDigest.isEqual(digest.digest(), manifest.sha256())) {
      throw new IOException("backup object does not match its manifest's SHA-256");
    }
    out.write(held);
  }

  @Override
  public String describeTarget() throws MailvaultException {
    Set<String> targets = new LinkedHashSet<>();
    for (JsonNode answer : admin.onEachPrimary("backup.target", Map.of())) {
      targets.add(answer.path("target").asText(""));
    }
    return String.join(", ", targets);
  }

  @Override
  public Set<String> openVaultIds() throws MailvaultException {
    Set<String> open = new TreeSet<>();
    for (JsonNode answer : admin.onEachPrimary("vault.open-ids", Map.of())) {
      answer.path("vaultIds").forEach(id -> open.add(id.asText()));
    }
    return open;
  }

  private byte[] read(String vaultId, Map<String, Object> args) throws IOException {
    try {
      JsonNode answer = admin.onOwnerOf(vaultId).call("backup.read", args, NO_PROGRESS);
      return Base64.getDecoder().decode(answer.path("bytes").asText(""));
    } catch (MailvaultException e) {
      throw new IOException("cannot read the backup from its primary: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IOException("a primary sent a piece of backup that is not base64");
    }
  }

  /** The admin operations of the primary that owns the alias's vault. */
  private AdminCalls owner(EmailAddress address) throws MailvaultException {
    String vaultId =
        directory
            .findAlias(address)
            .map(AliasRoute::vaultId)
            .orElseThrow(() -> new UnknownAliasException("no such alias"));
    return admin.onOwnerOf(vaultId);
  }

  private static Map<String, Object> args(EmailAddress address) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("address", address.toString());
    return args;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
