package dev.mailvault.server.web.console;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.DomainInfo;
import dev.mailvault.server.app.DomainOperations;
import dev.mailvault.server.dns.DomainRecords;
import dev.mailvault.server.dns.RecordCheck;
import dev.mailvault.server.dns.RequiredRecord;
import dev.mailvault.server.dns.Verdict;
import dev.mailvault.server.dns.ZoneFile;
import dev.mailvault.server.web.NodeOperations;
import dev.mailvault.server.web.Routes;
import dev.mailvault.server.web.WebContext;
import dev.mailvault.server.web.WebException;
import dev.mailvault.server.web.WebRequest;
import dev.mailvault.server.web.WebResponse;
import dev.mailvault.server.web.WebSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /admin/domains}: every domain with the DNS records it needs (what {@code domain dns}
 * prints), each with a green or red mark once checked ({@code ?check=1}, what {@code --check}
 * does); add a domain (with its DKIM keys) and remove one.
 */
public final class DomainsPage {

  /** RFC 1035 §2.3.4: a name is at most 253 characters as text. */
  static final int MAX_DOMAIN = 253;

  /**
   * One record as the page shows it.
   *
   * @param state {@code unchecked}, {@code ok} or {@code bad}
   * @param status the verdict in words ({@code published}, {@code missing}, {@code wrong: ...})
   */
  public record RecordRow(
      String comment, String name, String type, String value, String state, String status) {}

  /** One domain with its records. */
  public record DomainRow(
      String name,
      int aliases,
      long messages,
      String bytes,
      String created,
      boolean checked,
      long published,
      List<RecordRow> records,
      String zone) {

    public String anchor() {
      return "domain-" + name.replace('.', '-');
    }
  }

  private final WebContext context;
  private final DomainOperations domains;
  private final DnsStatus dns;

  DomainsPage(WebContext context, DomainOperations domains, DnsStatus dns) {
    this.context = context;
    this.domains = domains;
    this.dns = dns;
  }

  static void register(
      Routes routes, WebContext context, NodeOperations operations, AdminGate gate, DnsStatus dns) {
    DomainsPage page = new DomainsPage(context, operations.domains(), dns);
    routes.get("/admin/domains", gate.page(page::list));
    routes.post("/admin/domains", gate.form(page::add));
    routes.get("/admin/domains/{domain}/remove", gate.page(page::confirmRemove));
    routes.post("/admin/domains/{domain}/remove", gate.form(page::remove));
  }

  private WebResponse list(WebRequest request, WebSession session) throws Exception {
    Map<String, Object> params = new HashMap<>();
    ConsolePages.query(request, "added", MAX_DOMAIN)
        .ifPresent(
            d ->
                params.put(
                    "notice",
                    "Added "
                        + d
                        + " with its DKIM keys: publish its"
                        + " records below, then check them."));
    ConsolePages.query(request, "removed", MAX_DOMAIN)
        .ifPresent(d -> params.put("notice", "Removed " + d + "."));
    return page(request, session, 200, params);
  }

  private WebResponse page(
      WebRequest request, WebSession session, int status, Map<String, Object> extra)
      throws Exception {
    Optional<String> only = ConsolePages.query(request, "domain", MAX_DOMAIN);
    boolean check = "1".equals(request.query("check").orElse(""));
    RecordCheck checker = new RecordCheck(context.dns());
    List<DomainInfo> shown = new ArrayList<>();
    List<DomainRecords> records = new ArrayList<>();
    List<List<CompletableFuture<Verdict>>> checks = new ArrayList<>();
    for (DomainInfo info : context.directory().listDomains()) {
      if (only.isPresent() && !only.get().equalsIgnoreCase(info.name().toString())) {
        continue;
      }
      DomainRecords needed = domains.records(info.name());
      shown.add(info);
      records.add(needed);
      // Every domain's checks start at once and share one deadline.
      checks.add(check ? dns.start(checker, needed.records()) : null);
    }
    long deadline = DnsStatus.deadline();
    List<DomainRow> rows = new ArrayList<>();
    for (int i = 0; i < shown.size(); i++) {
      List<Verdict> verdicts =
          checks.get(i) == null ? null : DnsStatus.collect(checks.get(i), deadline);
      rows.add(row(shown.get(i), records.get(i), verdicts));
    }
    Map<String, Object> params = new HashMap<>();
    params.put("csrf", session.csrfToken());
    params.put("domains", rows);
    params.put("only", only.orElse(""));
    params.put("checked", check);
    params.put("notice", "");
    params.put("error", "");
    params.putAll(extra);
    return ConsolePages.render(status, "console/domains.jte", params);
  }

  private static DomainRow row(DomainInfo info, DomainRecords records, List<Verdict> verdicts) {
    List<RequiredRecord> required = records.records();
    List<RecordRow> rows = new ArrayList<>();
    long published = 0;
    for (int i = 0; i < required.size(); i++) {
      RequiredRecord r = required.get(i);
      String state = "unchecked";
      String status = "not checked";
      if (verdicts != null) {
        Verdict v = verdicts.get(i);
        boolean ok = v.kind() == Verdict.Kind.OK;
        published += ok ? 1 : 0;
        state = ok ? "ok" : "bad";
        status = words(v);
      }
      rows.add(new RecordRow(r.comment(), r.name(), r.typeName(), r.data(), state, status));
    }
    return new DomainRow(
        info.name().toString(),
        info.aliasCount(),
        info.usage().messages(),
        ConsolePages.bytes(info.usage().bytes()),
        ConsolePages.time(info.created()),
        verdicts != null,
        published,
        rows,
        ZoneFile.render(info.name().toString(), records));
  }

  private static String words(Verdict v) {
    return switch (v.kind()) {
      case OK -> "published";
      case MISSING -> "missing";
      case WRONG -> "wrong: DNS has " + v.found();
      case UNKNOWN -> "no answer: " + v.found();
    };
  }

  private WebResponse add(WebRequest request, WebSession session) throws Exception {
    Optional<String> raw = ConsolePages.form(request, "domain", MAX_DOMAIN);
    if (raw.isEmpty()) {
      return page(request, session, 400, Map.of("error", "Give a domain name."));
    }
    DomainInfo added;
    try {
      added = domains.add(DomainName.parse(raw.get()));
    } catch (MailvaultException e) {
      return page(request, session, 409, Map.of("error", e.getMessage()));
    }
    return WebResponse.redirect("/admin/domains?added=" + encode(added.name().toString()));
  }

  private WebResponse confirmRemove(WebRequest request, WebSession session) throws Exception {
    DomainInfo info = find(request);
    String message =
        info.aliasCount() == 0
            ? "Remove " + info.name() + "? It has no aliases; its DKIM keys are deleted."
            : "Remove "
                + info.name()
                + " with its "
                + info.aliasCount()
                + " aliases? Their vaults, spools and keys are deleted: their mail is gone for"
                + " good.";
    Map<String, Object> params = new HashMap<>();
    params.put("title", "Remove " + info.name());
    params.put("current", "domains");
    params.put("csrf", session.csrfToken());
    params.put("action", "/admin/domains/" + info.name() + "/remove");
    params.put("message", message);
    params.put(
        "checkbox",
        info.aliasCount() == 0
            ? "Yes, remove " + info.name()
            : "Yes, remove " + info.name() + " and every alias of it, with all their mail");
    params.put("force", info.aliasCount() > 0);
    params.put("state", "");
    params.put("button", "Remove domain");
    params.put("cancel", "/admin/domains");
    return ConsolePages.render(200, "console/confirm.jte", params);
  }

  private WebResponse remove(WebRequest request, WebSession session) throws Exception {
    DomainInfo info = find(request);
    if (!ConsolePages.confirmed(request)) {
      return page(
          request, session, 400, Map.of("error", "Tick the confirmation to remove a domain."));
    }
    boolean force = "yes".equals(request.form("force").orElse(""));
    try {
      domains.remove(info.name(), force);
    } catch (MailvaultException e) {
      return page(request, session, 409, Map.of("error", e.getMessage()));
    }
    return WebResponse.redirect("/admin/domains?removed=" + encode(info.name().toString()));
  }

  private DomainInfo find(WebRequest request) throws WebException {
    String raw = request.pathParam("domain");
    if (raw.length() > MAX_DOMAIN) {
      throw WebException.notFound("no such domain");
    }
    DomainName name;
    try {
      name = DomainName.parse(raw);
    } catch (MailvaultException e) {
      throw WebException.notFound("no such domain");
    }
    return context.directory().listDomains().stream()
        .filter(d -> d.name().equals(name))
        .findFirst()
        .orElseThrow(() -> WebException.notFound("no such domain"));
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
