package dev.mailvault.core.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * Lower-cases the parts of BODY/BODYSTRUCTURE data that the corpus README compares
 * case-insensitively: media type and subtype, parameter names, transfer encoding, disposition type
 * and disposition parameter names. Everything else stays as it is.
 */
public final class BodyNormalizer {

  private BodyNormalizer() {}

  public static SExpr normalize(SExpr body) {
    if (!(body instanceof SExpr.ListExpr list)) {
      return body;
    }
    List<SExpr> items = new ArrayList<>(list.items());
    if (!items.isEmpty() && items.get(0) instanceof SExpr.ListExpr) {
      int i = 0;
      while (i < items.size() && items.get(i) instanceof SExpr.ListExpr) {
        items.set(i, normalize(items.get(i)));
        i++;
      }
      if (i < items.size()) {
        items.set(i, SExpr.lower(items.get(i)));
      }
      if (i + 1 < items.size()) {
        items.set(i + 1, params(items.get(i + 1)));
      }
      if (i + 2 < items.size()) {
        items.set(i + 2, disposition(items.get(i + 2)));
      }
      return new SExpr.ListExpr(items);
    }
    boolean message = false;
    boolean text = false;
    if (items.size() > 1) {
      items.set(0, SExpr.lower(items.get(0)));
      items.set(1, SExpr.lower(items.get(1)));
      String type = items.get(0) instanceof SExpr.Str s ? s.text() : "";
      String subtype = items.get(1) instanceof SExpr.Str s ? s.text() : "";
      message = type.equals("message") && subtype.equals("rfc822");
      text = type.equals("text");
    }
    if (items.size() > 2) {
      items.set(2, params(items.get(2)));
    }
    if (items.size() > 5) {
      items.set(5, SExpr.lower(items.get(5)));
    }
    int ext = 7;
    if (message && items.size() > 8) {
      items.set(8, normalize(items.get(8)));
      ext = 10;
    } else if (text) {
      ext = 8;
    }
    if (items.size() > ext + 1) {
      items.set(ext + 1, disposition(items.get(ext + 1)));
    }
    return new SExpr.ListExpr(items);
  }

  private static SExpr params(SExpr params) {
    if (!(params instanceof SExpr.ListExpr list)) {
      return params;
    }
    List<SExpr> items = new ArrayList<>(list.items());
    for (int i = 0; i < items.size(); i += 2) {
      items.set(i, SExpr.lower(items.get(i)));
    }
    return new SExpr.ListExpr(items);
  }

  private static SExpr disposition(SExpr disposition) {
    if (!(disposition instanceof SExpr.ListExpr list) || list.items().size() < 2) {
      return disposition;
    }
    List<SExpr> items = new ArrayList<>(list.items());
    items.set(0, SExpr.lower(items.get(0)));
    items.set(1, params(items.get(1)));
    return new SExpr.ListExpr(items);
  }
}
