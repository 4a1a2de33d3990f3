package dev.mailvault.server.web.api;

import dev.mailvault.directory.AliasInfo;
import dev.mailvault.directory.DomainInfo;
import dev.mailvault.directory.ForwardTarget;
import dev.mailvault.directory.QuotaLimits;
import dev.mailvault.server.admin.AliasLifecycle.RemovalReport;
import dev.mailvault.server.app.Exports;
import dev.mailvault.server.web.WebSessions;
import dev.mailvault.store.backup.BackupManifest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes of the API's answers; the OpenAPI document names each one. */
final class ApiViews {

  private ApiViews() {}

  static Map<String, Object> domain(DomainInfo d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", d.name().toString());
    m.put("aliases", d.aliasCount());
    m.put("messages", d.usage().messages());
    m.put("bytes", d.usage().bytes());
    limits(m, d.limits());
    m.put("created", d.created().toString());
    return m;
  }

  static Map<String, Object> alias(AliasInfo a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("address", a.address().toString());
    m.put("enabled", a.enabled());
    m.put("messages", a.usage().messages());
    m.put("bytes", a.usage().bytes());
    limits(m, a.limits());
    m.put("created", a.created().toString());
    return m;
  }

  private static void limits(Map<String, Object> m, QuotaLimits limits) {
    m.put("maxBytes", limits.maxBytes().isPresent() ? limits.maxBytes().getAsLong() : null);
    m.put(
        "maxMessages", limits.maxMessages().isPresent() ? limits.maxMessages().getAsLong() : null);
  }

  /** What was removed of an alias (no file paths: they are the server's business). */
  static Map<String, Object> removal(RemovalReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("address", r.address().toString());
    m.put("messages", r.listed().map(a -> a.usage().messages()).orElse(0L));
    m.put("bytes", r.listed().map(a -> a.usage().bytes()).orElse(0L));
    return m;
  }

  static Map<String, Object> forward(ForwardTarget t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("kind", t.isWebhook() ? "webhook" : "address");
    m.put("target", t.target());
    return m;
  }

  static Map<String, Object> backup(BackupManifest b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("created", b.created().toString());
    m.put("size", b.size());
    m.put("sha256", b.sha256Hex());
    m.put("schemaVersion", b.schemaVersion());
    return m;
  }

  static Map<String, Object> export(Exports.Status s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("address", s.address());
    m.put("format", s.format().cliName());
    m.put("state", s.state().name().toLowerCase(Locale.ROOT));
    m.put("messagesDone", s.messagesDone());
    m.put("messagesTotal", s.messagesTotal());
    m.put("bytes", s.bytes());
    m.put("error", s.error().orElse(null));
    m.put("created", s.created().toString());
    m.put("expires", s.expires().toString());
    return m;
  }

  static Map<String, Object> session(WebSessions.Listed s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("handle", s.handle());
    m.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
    m.put("principal", s.principal());
    m.put("created", s.created().toString());
    m.put("lastSeen", s.lastSeen().toString());
    return m;
  }
}
