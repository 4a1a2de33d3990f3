package dev.mailvault.server.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * The pages' templates (ADR 0258): jte files under {@code src/main/jte}, compiled to Java by the
 * build, so a page that does not type-check fails the build and nothing compiles at runtime. Every
 * {@code ${...}} is HTML-escaped by jte's Html content type.
 */
public final class Templates {

  private static final TemplateEngine ENGINE =
      TemplateEngine.createPrecompiled(
          null, ContentType.Html, null, "dev.mailvault.server.web.jte");

  private Templates() {}

  /** Renders {@code name} (e.g. {@code "console/domains.jte"}) with its parameters. */
  public static String render(String name, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    ENGINE.render(name, params, out);
    return out.toString();
  }

  /** A 200 page. */
  public static WebResponse page(String name, Map<String, Object> params) {
    return WebResponse.html(200, render(name, params));
  }
}
