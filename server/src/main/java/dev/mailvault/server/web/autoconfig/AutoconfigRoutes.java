package dev.mailvault.server.web.autoconfig;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.address.InvalidAddressException;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.dns.MailHost;
import dev.mailvault.server.web.Routes;
import dev.mailvault.server.web.WebContext;
import dev.mailvault.server.web.WebException;
import dev.mailvault.server.web.WebRequest;
import dev.mailvault.server.web.WebResponse;
import dev.mailvault.server.web.WebSession;
import dev.mailvault.server.web.autoconfig.ClientSettings.Protocol;
import java.util.Optional;

/**
 * The autoconfiguration routes (ADR 0269). Thunderbird's and Outlook's answer on both listeners,
 * only for a domain this node serves, and the same for every address of it: 404 for any other
 * domain, and nothing that tells whether an alias exists. The Apple profile names an account, so it
 * is served over HTTPS only, to the alias's owner logged in to My account.
 */
public final class AutoconfigRoutes {

  /** RFC 5321 §4.5.3.1.3: an address longer than a path cannot be one. */
  private static final int MAX_ADDRESS = 254;

  private final WebContext context;
  private final ClientSettings settings;

  private AutoconfigRoutes(WebContext context, ClientSettings settings) {
    this.context = context;
    this.settings = settings;
  }

  /** Registers the HTTPS routes: both client formats, and the Apple profile for My account. */
  public static void register(Routes routes, WebContext context) {
    AutoconfigRoutes r = of(context);
    r.registerPublic(routes);
    routes.get("/account/mobileconfig", r::mobileconfig);
  }

  /** Registers the plain-HTTP routes: Thunderbird tries {@code http://autoconfig.DOMAIN} first. */
  public static void registerPlain(Routes routes, WebContext context) {
    of(context).registerPublic(routes);
  }

  private static AutoconfigRoutes of(WebContext context) {
    try {
      return new AutoconfigRoutes(context, ClientSettings.of(MailHost.from(context.settings())));
    } catch (ConfigException e) {
      // The node checked every port setting before it opened its first listener.
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private void registerPublic(Routes routes) {
    routes.get("/.well-known/autoconfig/mail/config-v1.1.xml", this::thunderbird);
    routes.get("/mail/config-v1.1.xml", this::thunderbird);
    // Outlook varies the case; the router matches paths exactly.
    routes.post("/autodiscover/autodiscover.xml", this::autodiscover);
    routes.post("/Autodiscover/Autodiscover.xml", this::autodiscover);
  }

  /**
   * The domain comes from {@code emailaddress} when the client sends it, else from the host the
   * client asked for: {@code autoconfig.DOMAIN} or {@code DOMAIN} itself.
   */
  private WebResponse thunderbird(WebRequest request) throws WebException {
    DomainName domain;
    Optional<String> address = request.query("emailaddress");
    if (address.isPresent()) {
      domain = parseAddress(address.get()).domain();
    } else {
      String host = request.host().orElseThrow(() -> unknownDomain());
      if (host.startsWith("autoconfig.")) {
        host = host.substring("autoconfig.".length());
      }
      domain = parseDomain(host);
    }
    served(domain);
    return WebResponse.text(
            200, "application/xml; charset=utf-8", ThunderbirdConfig.render(settings, domain))
        .header("Cache-Control", "public, max-age=3600");
  }

  private WebResponse autodiscover(WebRequest request) throws WebException {
    String asked;
    try {
      asked = Autodiscover.requestedAddress(request.body());
    } catch (Autodiscover.BadRequest e) {
      throw WebException.badRequest(e.getMessage());
    }
    EmailAddress address = parseAddress(asked);
    served(address.domain());
    return WebResponse.text(
        200, "application/xml; charset=utf-8", Autodiscover.render(settings, address.toString()));
  }

  private WebResponse mobileconfig(WebRequest request) throws WebException {
    Optional<WebSession> session = context.sessions().find(request, WebSession.Kind.ACCOUNT);
    if (session.isEmpty()) {
      return WebResponse.redirect("/account/login");
    }
    EmailAddress address = parseAddress(session.get().principal());
    served(address.domain());
    String incoming = request.query("incoming").orElse("imap");
    Protocol protocol;
    if ("imap".equals(incoming)) {
      protocol = Protocol.IMAP;
    } else if ("pop3".equals(incoming)) {
      protocol = Protocol.POP3;
    } else {
      throw WebException.badRequest("incoming is imap or pop3");
    }
    byte[] profile = MobileConfig.render(settings, address.toString(), protocol);
    return WebResponse.download(
        MobileConfig.CONTENT_TYPE,
        address.domain().value() + ".mobileconfig",
        profile.length,
        out -> out.write(profile));
  }

  private void served(DomainName domain) throws WebException {
    if (!context.directory().hasDomain(domain)) {
      throw unknownDomain();
    }
  }

  private static EmailAddress parseAddress(String text) throws WebException {
    if (text.length() > MAX_ADDRESS) {
      throw unknownDomain();
    }
    try {
      return EmailAddress.parse(text.strip());
    } catch (InvalidAddressException e) {
      throw WebException.badRequest("not an email address");
    }
  }

  private static DomainName parseDomain(String text) throws WebException {
    if (text.length() > MAX_ADDRESS) {
      throw unknownDomain();
    }
    try {
      return DomainName.parse(text);
    } catch (InvalidAddressException e) {
      throw unknownDomain();
    }
  }

  /** One answer for every domain not served here, whatever the reason. */
  private static WebException unknownDomain() {
    return WebException.notFound("no mail is served here for that domain");
  }
}
