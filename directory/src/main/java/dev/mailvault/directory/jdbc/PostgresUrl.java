package dev.mailvault.directory.jdbc;

import dev.mailvault.directory.DirectoryUnavailableException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The setting {@code directory.url}: {@code postgresql://user:password@host:port/database?params}
 * (ADR 0274). User, password, database and parameters are percent-decoded; the port defaults to
 * 5432; parameters ({@code sslmode}, {@code sslrootcert}, ...) go to the PostgreSQL driver as they
 * are. The password is never part of {@link #toString()} nor of an error message.
 */
record PostgresUrl(
    String host,
    int port,
    String database,
    String user,
    String password,
    Map<String, String> parameters) {

  private static final String SCHEME = "postgresql://";
  private static final int MAX_LENGTH = 4096;

  static PostgresUrl parse(String url) throws DirectoryUnavailableException {
    if (url == null || url.length() > MAX_LENGTH) {
      throw invalid("missing or too long");
    }
    String rest;
    if (url.startsWith(SCHEME)) {
      rest = url.substring(SCHEME.length());
    } else if (url.startsWith("postgres://")) {
      rest = url.substring("postgres://".length());
    } else {
      throw invalid("it must start with " + SCHEME);
    }
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    int slash = rest.indexOf('/');
    if (slash < 0) {
      throw invalid("it names no database (postgresql://user@host:port/database)");
    }
    String authority = rest.substring(0, slash);
    String database = decode(rest.substring(slash + 1), "database");
    if (database.isEmpty() || database.indexOf('/') >= 0) {
      throw invalid("it names no database (postgresql://user@host:port/database)");
    }
    String user = "";
    String password = "";
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = userInfo.indexOf(':');
      if (colon >= 0) {
        user = decode(userInfo.substring(0, colon), "user");
        password = decode(userInfo.substring(colon + 1), "password");
      } else {
        user = decode(userInfo, "user");
      }
    }
    if (user.isEmpty()) {
      throw invalid("it names no user (postgresql://user:password@host:port/database)");
    }
    String host = authority;
    int port = 5432;
    int portColon = authority.lastIndexOf(':');
    if (portColon >= 0 && authority.indexOf(']', portColon) < 0) {
      host = authority.substring(0, portColon);
      port = port(authority.substring(portColon + 1));
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty()) {
      throw invalid("it names no host");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    if (!query.isEmpty()) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq), "parameter");
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1), "parameter");
        if (name.equalsIgnoreCase("password") || name.equalsIgnoreCase("user")) {
          throw invalid("give the user and password before the host, not as parameters");
        }
        parameters.put(name, value);
      }
    }
    return new PostgresUrl(host, port, database, user, password, Map.copyOf(parameters));
  }

  /** The driver's URL, without user or password (those go as properties). */
  String jdbcUrl() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return "jdbc:postgresql://" + h + ":" + port + "/" + encodePath(database);
  }

  /** For messages and logs: no password. */
  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }

  private static int port(String text) throws DirectoryUnavailableException {
    try {
      int port = Integer.parseInt(text);
      if (port < 1 || port > 65535) {
        throw invalid("the port must be 1-65535");
      }
      return port;
    } catch (NumberFormatException e) {
      throw invalid("the port is not a number");
    }
  }

  private static String decode(String text, String what) throws DirectoryUnavailableException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()) {
          throw invalid("a % in the " + what + " is not followed by two hex digits");
        }
        int hi = Character.digit(text.charAt(i + 1), 16);
        int lo = Character.digit(text.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw invalid("a % in the " + what + " is not followed by two hex digits");
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String encodePath(String database) {
    StringBuilder out = new StringBuilder();
    for (byte b : database.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.') {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  private static DirectoryUnavailableException invalid(String why) {
    return new DirectoryUnavailableException("directory.url is not a valid PostgreSQL URL: " + why);
  }
}
