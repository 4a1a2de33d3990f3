package dev.mailvault.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.admin.AdminClient;
import dev.mailvault.server.admin.AdminException;
import dev.mailvault.server.app.BackupOperations;
import dev.mailvault.server.backup.BackupReports;
import dev.mailvault.server.backup.BackupService;
import dev.mailvault.server.backup.BackupSetup;
import dev.mailvault.server.backup.RestoreReports;
import dev.mailvault.server.config.Settings;
import dev.mailvault.store.backup.BackupManifest;
import dev.mailvault.store.backup.BackupResult;
import dev.mailvault.store.backup.BackupTarget;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mailvault backup create|list|download|restore} (ADR 0125). {@code create} and {@code
 * restore} go to the running {@code serve} over its admin socket when there is one, so that only
 * one process ever writes a vault; otherwise they open the vault here with the alias password.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "backup",
    description = "Back up, list, download and restore mailboxes (encrypted vault backups).",
    subcommands = {
      BackupCommand.Create.class,
      BackupCommand.ListBackups.class,
      BackupCommand.Download.class,
      BackupCommand.Restore.class
    })
final class BackupCommand extends GroupCommand {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParentCommand MailvaultCommand top;

  @Command(
      mixinStandardHelpOptions = true,
      name = "create",
      description = {
        "Back up a mailbox now (stored only if it changed since its newest backup).",
        "With --all, every mailbox a running server holds open."
      })
  static final class Create implements Callable<Integer> {
    @ParentCommand BackupCommand parent;

    @Parameters(paramLabel = "ADDRESS", arity = "0..1")
    String address;

    @Option(names = "--all", description = "Every mailbox the running server holds open.")
    boolean all;

    @Option(names = "--password-stdin", description = "Read the alias password from stdin.")
    boolean passwordStdin;

    @Override
    public Integer call() throws Exception {
      if (all == (address != null)) {
        throw new MailvaultException("give an ADDRESS or --all (not both)");
      }
      Settings settings = parent.top.settings(Map.of());
      Optional<AdminClient> server = server(settings);
      Output out = parent.top.output();
      if (all) {
        if (server.isEmpty()) {
          throw new MailvaultException(
              "--all needs a running server (mailvault serve); without one, give an ADDRESS and"
                  + " its password");
        }
        JsonNode result =
            server.get().call("backup.create-all", Map.of(), line -> printLine(out, line));
        List<Map<String, Object>> rows = JSON.convertValue(result.get("vaults"), LIST_OF_MAPS);
        return finishAll(out, rows);
      }
      EmailAddress parsed = EmailAddress.parse(address);
      PasswordInput input = new PasswordInput(passwordStdin, System.in);
      if (server.isPresent()) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("address", parsed.toString());
        JsonNode result;
        try {
          result = server.get().call("backup.create", args, line -> printLine(out, line));
        } catch (AdminException e) {
          if (!AdminException.PASSWORD_REQUIRED.equals(e.code())) {
            throw e;
          }
          char[] password = input.read("Password for " + parsed + ": ");
          try {
            args.put("password", new String(password));
            result = server.get().call("backup.create", args, line -> printLine(out, line));
          } finally {
            Arrays.fill(password, '\0');
          }
        }
        Map<String, Object> data = JSON.convertValue(result, MAP);
        return finishOne(out, BackupReports.human(data), data);
      }
      char[] password = input.read("Password for " + parsed + ": ");
      try (AdminSession admin = parent.top.openAdmin();
          BackupTarget target = BackupSetup.target(admin.layout, settings)) {
        BackupService backups =
            BackupSetup.service(admin.layout, settings, admin.directory, admin.vaults, target);
        BackupResult result =
            new BackupOperations(admin.directory, backups).create(parsed, password);
        Map<String, Object> data = BackupReports.data(parsed.toString(), result);
        return finishOne(out, BackupReports.human(parsed.toString(), result), data);
      } finally {
        Arrays.fill(password, '\0');
      }
    }

    private static int finishOne(Output out, String human, Map<String, Object> data)
        throws MailvaultException {
      if ("rejected".equals(data.get("outcome"))) {
        throw new MailvaultException("backup rejected: " + data.get("reason"));
      }
      out.result(human, data);
      return 0;
    }

    private static int finishAll(Output out, List<Map<String, Object>> rows)
        throws MailvaultException {
      long bad =
          rows.stream()
              .filter(r -> !"uploaded".equals(r.get("outcome")))
              .filter(r -> !"unchanged".equals(r.get("outcome")))
              .count();
      out.result(
          rows.isEmpty()
              ? "no mailbox is open in the server: nothing to back up"
              : "backed up " + (rows.size() - bad) + " of " + rows.size() + " open mailboxes",
          Map.of("vaults", rows));
      if (bad > 0) {
        throw new MailvaultException(bad + " backup(s) failed; see the lines above");
      }
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "list",
      description = "List a mailbox's backups, oldest first.")
  static final class ListBackups implements Callable<Integer> {
    @ParentCommand BackupCommand parent;

    @Parameters(paramLabel = "ADDRESS")
    String address;

    @Override
    public Integer call() throws Exception {
      EmailAddress parsed = EmailAddress.parse(address);
      Settings settings = parent.top.settings(Map.of());
      try (AdminSession admin = parent.top.openAdmin();
          BackupTarget target = BackupSetup.target(admin.layout, settings)) {
        BackupService backups =
            BackupSetup.service(admin.layout, settings, admin.directory, admin.vaults, target);
        List<Map<String, ?>> rows = new java.util.ArrayList<>();
        for (BackupManifest manifest :
            new BackupOperations(admin.directory, backups).list(parsed)) {
          rows.add(BackupReports.manifest(manifest));
        }
        parent
            .top
            .output()
            .table(List.of("created", "size", "sha256", "schemaVersion"), rows, "no backups");
      }
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "download",
      description = {
        "Write a backup (still encrypted) to FILE and its manifest to FILE.json.",
        "The newest, or the newest at or before --at."
      })
  static final class Download implements Callable<Integer> {
    @ParentCommand BackupCommand parent;

    @Parameters(paramLabel = "ADDRESS")
    String address;

    @Option(names = "--at", paramLabel = "TIME", description = "e.g. 2026-11-23T10:00:00Z")
    String at;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        required = true,
        description = "Where to write the backup.")
    Path output;

    @Override
    public Integer call() throws Exception {
      EmailAddress parsed = EmailAddress.parse(address);
      Instant when = at == null ? null : BackupTimes.parse(at);
      Settings settings = parent.top.settings(Map.of());
      try (AdminSession admin = parent.top.openAdmin();
          BackupTarget target = BackupSetup.target(admin.layout, settings)) {
        BackupService backups =
            BackupSetup.service(admin.layout, settings, admin.directory, admin.vaults, target);
        Progress progress = progress(parent.top.output(), "download");
        BackupManifest manifest = backups.download(parsed, when, output, transfer(progress));
        progress.finish();
        Map<String, Object> data = new LinkedHashMap<>(BackupReports.manifest(manifest));
        data.put("file", output.toString());
        data.put("manifest", BackupService.manifestBeside(output).toString());
        parent
            .top
            .output()
            .result(
                "wrote the backup of "
                    + manifest.created()
                    + " to "
                    + output
                    + " ("
                    + manifest.size()
                    + " bytes, encrypted) and its manifest to "
                    + BackupService.manifestBeside(output),
                data);
      }
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "restore",
      description = {
        "Replace a mailbox with a backup: the newest, or the newest at or before --at.",
        "A safety backup of the current mailbox is taken first; its sessions are ended."
      })
  static final class Restore implements Callable<Integer> {
    @ParentCommand BackupCommand parent;

    @Parameters(paramLabel = "ADDRESS")
    String address;

    @Option(names = "--at", paramLabel = "TIME", description = "e.g. 2026-11-23T10:00:00Z")
    String at;

    @Option(names = "--password-stdin", description = "Read the alias password from stdin.")
    boolean passwordStdin;

    @Override
    public Integer call() throws Exception {
      EmailAddress parsed = EmailAddress.parse(address);
      Instant when = at == null ? null : BackupTimes.parse(at);
      Settings settings = parent.top.settings(Map.of());
      Output out = parent.top.output();
      char[] password =
          new PasswordInput(passwordStdin, System.in).read("Password for " + parsed + ": ");
      try {
        Optional<AdminClient> server = server(settings);
        Map<String, Object> data;
        if (server.isPresent()) {
          Map<String, Object> args = new LinkedHashMap<>();
          args.put("address", parsed.toString());
          if (when != null) {
            args.put("at", when.toString());
          }
          args.put("password", new String(password));
          data = JSON.convertValue(server.get().call("backup.restore", args, l -> {}), MAP);
        } else {
          try (AdminSession admin = parent.top.openAdmin();
              BackupTarget target = BackupSetup.target(admin.layout, settings)) {
            BackupService backups =
                BackupSetup.service(admin.layout, settings, admin.directory, admin.vaults, target);
            Progress progress = progress(out, "restore");
            data =
                RestoreReports.data(
                    parsed.toString(),
                    new BackupOperations(admin.directory, backups)
                        .restore(parsed, when, password, transfer(progress)));
            progress.finish();
          }
        }
        out.result(RestoreReports.human(data), data);
      } finally {
        Arrays.fill(password, '\0');
      }
      return 0;
    }
  }

  private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP =
      new com.fasterxml.jackson.core.type.TypeReference<>() {};
  private static final com.fasterxml.jackson.core.type.TypeReference<List<Map<String, Object>>>
      LIST_OF_MAPS = new com.fasterxml.jackson.core.type.TypeReference<>() {};

  /** The running server on this data directory, if one answers on its admin socket. */
  static Optional<AdminClient> server(Settings settings) {
    return AdminClient.ifRunning(new DataLayout(settings.dataDir()).adminSocket());
  }

  /** Byte progress on stderr, or none with {@code --json}. */
  private static Progress progress(Output out, String label) {
    return out.json() ? Progress.silent(label) : Progress.onStderr(label);
  }

  private static BackupService.Transfer transfer(Progress progress) {
    return new BackupService.Transfer() {
      @Override
      public void started(long totalBytes) {
        progress.total(-1, totalBytes);
      }

      @Override
      public void moved(long bytes) {
        progress.add(0, bytes);
      }
    };
  }

  private static void printLine(Output out, String line) {
    if (!out.json()) {
      System.out.println(line);
    }
  }
}
