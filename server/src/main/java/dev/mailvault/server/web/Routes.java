package dev.mailvault.server.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The web routes of a node: method plus a path template whose {@code {name}} segments match one
 * non-empty path segment each ({@code /api/v1/aliases/{address}}). Features register theirs while
 * the node starts; the first registered match wins, and a path registered twice for one method is a
 * programming error.
 */
public final class Routes {

  private final List<Route> routes = new CopyOnWriteArrayList<>();
  private volatile WebHandler fallback;

  public void get(String template, WebHandler handler) {
    add("GET", template, handler);
  }

  public void post(String template, WebHandler handler) {
    add("POST", template, handler);
  }

  public void put(String template, WebHandler handler) {
    add("PUT", template, handler);
  }

  public void delete(String template, WebHandler handler) {
    add("DELETE", template, handler);
  }

  public void add(String method, String template, WebHandler handler) {
    if (!template.startsWith("/")) {
      throw new IllegalArgumentException("a route starts with /: " + template);
    }
    Route route = new Route(method, segments(template), handler);
    for (Route r : routes) {
      if (r.method.equals(method) && r.template.equals(route.template)) {
        throw new IllegalStateException("route " + method + " " + template + " is registered");
      }
    }
    routes.add(route);
  }

  /** Answers every request no route matches (the HTTP listener's redirect to HTTPS). */
  public void fallback(WebHandler handler) {
    this.fallback = handler;
  }

  /** The handler for a request, with its path parameters; see {@link Match}. */
  public Match find(String method, String path) {
    List<String> parts = segments(path);
    Set<String> allowed = new TreeSet<>();
    for (Route route : routes) {
      Optional<Map<String, String>> params = route.match(parts);
      if (params.isEmpty()) {
        continue;
      }
      boolean head = "HEAD".equals(method) && "GET".equals(route.method);
      if (route.method.equals(method) || head) {
        return new Match(route.handler, params.get(), Set.of());
      }
      allowed.add(route.method);
    }
    if (allowed.isEmpty() && fallback != null) {
      return new Match(fallback, Map.of(), Set.of());
    }
    return new Match(null, Map.of(), allowed);
  }

  /**
   * A lookup's result: a handler, or none with the methods the path does accept (405 when there are
   * some, 404 when there are none).
   */
  public record Match(WebHandler handler, Map<String, String> params, Set<String> allowed) {
    public boolean found() {
      return handler != null;
    }
  }

  private static List<String> segments(String path) {
    List<String> parts = new ArrayList<>();
    for (String s : path.split("/", -1)) {
      parts.add(s);
    }
    return parts;
  }

  private record Route(String method, List<String> template, WebHandler handler) {
    Optional<Map<String, String>> match(List<String> path) {
      if (path.size() != template.size()) {
        return Optional.empty();
      }
      Map<String, String> params = new HashMap<>();
      for (int i = 0; i < template.size(); i++) {
        String t = template.get(i);
        String p = path.get(i);
        if (t.startsWith("{") && t.endsWith("}")) {
          if (p.isEmpty()) {
            return Optional.empty();
          }
          params.put(t.substring(1, t.length() - 1), p);
        } else if (!t.equals(p)) {
          return Optional.empty();
        }
      }
      return Optional.of(params);
    }
  }
}
