package dev.mailvault.server.web.api;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.server.app.Exports;
import dev.mailvault.server.backup.BackupReports;
import dev.mailvault.server.backup.BackupService;
import dev.mailvault.server.backup.RestoreReports;
import dev.mailvault.server.web.WebException;
import dev.mailvault.server.web.WebResponse;
import dev.mailvault.store.backup.BackupManifest;
import dev.mailvault.store.export.ExportFormat;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Backups, exports and jobs: {@code /api/v1/aliases/{address}/backups} (list, create as a job,
 * download the encrypted bytes), {@code .../restore} (a job), {@code .../exports} (an export job),
 * {@code /api/v1/exports/{id}} and {@code /api/v1/jobs/{id}} to poll them (ADR 0260, 0262).
 */
final class BackupApi {

  private BackupApi() {}

  static void register(ApiRoutes api) {
    api.get(
        "/aliases/{address}/backups",
        (request, token) ->
            ApiRoutes.ok(
                api.backups.list(ApiRoutes.address(request, "address")).stream()
                    .map(ApiViews::backup)
                    .toList()));
    api.post(
        "/aliases/{address}/backups",
        (request, token) -> {
          EmailAddress address = ApiRoutes.address(request, "address");
          api.aliases.get(address);
          char[] password = ApiBody.of(request).password("password");
          Map<String, Object> job =
              api.jobs.start(
                  ApiRoutes.owner(token),
                  "backup",
                  () -> {
                    Map<String, Object> data =
                        BackupReports.data(
                            address.toString(), api.backups.create(address, password));
                    return data;
                  },
                  () -> wipe(password));
          return accepted(job);
        });
    api.get(
        "/aliases/{address}/backups/download",
        (request, token) -> {
          EmailAddress address = ApiRoutes.address(request, "address");
          Instant at = at(request.query("at"));
          BackupManifest manifest = api.backups.choose(address, at);
          String name = "backup-" + manifest.created().toString().replace(':', '-') + ".vault";
          return WebResponse.download(
                  "application/octet-stream",
                  name,
                  manifest.size(),
                  out -> api.backups.download(manifest, out))
              .header("X-Backup-SHA256", manifest.sha256Hex())
              .header("X-Backup-Created", manifest.created().toString());
        });
    api.post(
        "/aliases/{address}/restore",
        (request, token) -> {
          EmailAddress address = ApiRoutes.address(request, "address");
          api.aliases.get(address);
          ApiBody body = ApiBody.of(request);
          Instant at = at(body.optionalText("at", 40));
          char[] password = body.password("password");
          if (password == null) {
            throw new WebException(
                422, ApiErrors.PASSWORD_REQUIRED, "a restore needs the alias's password");
          }
          Map<String, Object> job =
              api.jobs.start(
                  ApiRoutes.owner(token),
                  "restore",
                  () ->
                      RestoreReports.data(
                          address.toString(),
                          api.backups.restore(address, at, password, BackupService.Transfer.NONE)),
                  () -> wipe(password));
          return accepted(job);
        });
    api.get(
        "/jobs/{id}",
        (request, token) ->
            ApiRoutes.ok(
                api.jobs
                    .find(request.pathParam("id"), ApiRoutes.owner(token))
                    .orElseThrow(() -> WebException.notFound("no such job"))));
    api.post(
        "/aliases/{address}/exports",
        (request, token) -> {
          EmailAddress address = ApiRoutes.address(request, "address");
          ApiBody body = ApiBody.of(request);
          String formatName = body.text("format", 16);
          ExportFormat format =
              ExportFormat.byName(formatName.toLowerCase(Locale.ROOT))
                  .orElseThrow(
                      () -> WebException.badRequest("the format is mbox, eml-zip or sqlite"));
          char[] password = body.password("password");
          if (password == null) {
            throw new WebException(
                422, ApiErrors.PASSWORD_REQUIRED, "an export needs the alias's password");
          }
          api.aliases.get(address);
          try {
            Exports.Status status =
                api.context.exports().start(ApiRoutes.owner(token), address, format, password);
            return WebResponse.json(202, ApiViews.export(status))
                .header("Location", ApiRoutes.BASE + "/exports/" + status.id());
          } finally {
            wipe(password);
          }
        });
    api.get(
        "/exports/{id}",
        (request, token) ->
            ApiRoutes.ok(
                ApiViews.export(
                    api.context
                        .exports()
                        .status(request.pathParam("id"), ApiRoutes.owner(token))
                        .orElseThrow(() -> WebException.notFound("no such export")))));
    api.get(
        "/exports/{id}/download",
        (request, token) -> {
          String id = request.pathParam("id");
          String owner = ApiRoutes.owner(token);
          Exports.Status status =
              api.context
                  .exports()
                  .status(id, owner)
                  .orElseThrow(() -> WebException.notFound("no such export"));
          if (status.state() != Exports.State.DONE) {
            throw new WebException(
                409,
                ApiErrors.NOT_READY,
                status.state() == Exports.State.RUNNING
                    ? "the export is still running"
                    : "the export failed: " + status.error().orElse(""));
          }
          Optional<Exports.Download> taken = api.context.exports().take(id, owner);
          if (taken.isEmpty()) {
            throw WebException.notFound("no such export");
          }
          Exports.Download download = taken.get();
          String type =
              switch (status.format()) {
                case MBOX -> "application/mbox";
                case EML_ZIP -> "application/zip";
                case SQLITE -> "application/vnd.sqlite3";
              };
          return WebResponse.download(
              type,
              download.fileName(),
              download.length(),
              out -> {
                try (download) {
                  download.writeTo(out);
                }
              });
        });
  }

  private static WebResponse accepted(Map<String, Object> job) {
    return WebResponse.json(202, job).header("Location", ApiRoutes.BASE + "/jobs/" + job.get("id"));
  }

  private static Instant at(Optional<String> text) throws WebException {
    if (text.isEmpty()) {
      return null;
    }
    if (text.get().length() > 40) {
      throw WebException.badRequest("'at' is a time such as 2026-11-23T10:00:00Z");
    }
    try {
      return Instant.parse(text.get());
    } catch (DateTimeParseException e) {
      throw WebException.badRequest("'at' is a time such as 2026-11-23T10:00:00Z");
    }
  }

  private static void wipe(char[] secret) {
    if (secret != null) {
      Arrays.fill(secret, '\0');
    }
  }
}
