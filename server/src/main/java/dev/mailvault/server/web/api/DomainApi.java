package dev.mailvault.server.web.api;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.directory.DomainInfo;
import dev.mailvault.server.admin.AliasLifecycle.RemovalReport;
import dev.mailvault.server.app.DomainOperations.CheckedRecord;
import dev.mailvault.server.dns.DomainRecords;
import dev.mailvault.server.web.WebResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /api/v1/domains}: list, add, show, remove, DNS records and their live check. */
final class DomainApi {

  private DomainApi() {}

  static void register(ApiRoutes api) {
    api.get(
        "/domains",
        (request, token) ->
            ApiRoutes.ok(api.domains.list().stream().map(ApiViews::domain).toList()));
    api.post(
        "/domains",
        (request, token) -> {
          DomainName name = ApiRoutes.domain(ApiBody.of(request).text("name", 253));
          DomainInfo added = api.domains.add(name);
          return WebResponse.json(201, ApiViews.domain(added))
              .header("Location", ApiRoutes.BASE + "/domains/" + added.name());
        });
    api.get(
        "/domains/{domain}",
        (request, token) ->
            ApiRoutes.ok(
                ApiViews.domain(api.domains.get(ApiRoutes.domain(request.pathParam("domain"))))));
    api.delete(
        "/domains/{domain}",
        (request, token) -> {
          DomainName name = ApiRoutes.domain(request.pathParam("domain"));
          boolean force = request.query("force").map("true"::equals).orElse(false);
          List<RemovalReport> removed = api.domains.remove(name, force);
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("domain", name.toString());
          body.put("aliases", removed.stream().map(ApiViews::removal).toList());
          return ApiRoutes.ok(body);
        });
    api.get(
        "/domains/{domain}/dns",
        (request, token) -> {
          DomainName name = ApiRoutes.domain(request.pathParam("domain"));
          api.domains.get(name);
          DomainRecords records = api.domains.records(name);
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("domain", name.toString());
          body.put(
              "records",
              records.records().stream()
                  .map(
                      r -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("name", r.name());
                        m.put("type", r.typeName());
                        m.put("data", r.data());
                        m.put("comment", r.comment());
                        return m;
                      })
                  .toList());
          body.put("mtaStsPolicyUrl", records.mtaStsPolicyUrl());
          body.put("mtaStsPolicy", records.mtaStsPolicy());
          return ApiRoutes.ok(body);
        });
    api.get(
        "/domains/{domain}/dns/check",
        (request, token) -> {
          DomainName name = ApiRoutes.domain(request.pathParam("domain"));
          api.domains.get(name);
          List<CheckedRecord> checked = api.domains.check(api.domains.records(name));
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("domain", name.toString());
          body.put("ok", checked.stream().allMatch(CheckedRecord::ok));
          body.put(
              "records",
              checked.stream()
                  .map(
                      c -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("name", c.record().name());
                        m.put("type", c.record().typeName());
                        m.put("data", c.record().data());
                        m.put("verdict", c.verdict().kind().name().toLowerCase(Locale.ROOT));
                        m.put("found", c.verdict().found());
                        return m;
                      })
                  .toList());
          return ApiRoutes.ok(body);
        });
  }
}
