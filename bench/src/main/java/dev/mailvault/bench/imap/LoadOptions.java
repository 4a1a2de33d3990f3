package dev.mailvault.bench.imap;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line of the load tools, {@code --name value} pairs, each with a default. The same
 * options drive Mailvault and Dovecot: only host, port and the server's pid differ.
 */
public final class LoadOptions {

  private final Map<String, String> values;

  private LoadOptions(Map<String, String> values) {
    this.values = values;
  }

  public static LoadOptions parse(String[] args, List<String> known) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value, got: " + arg);
      }
      String name = arg.substring(2);
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name + "; known: " + known);
      }
      values.put(name, args[++i]);
    }
    return new LoadOptions(values);
  }

  public String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  public int integer(String name, int fallback) {
    return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public InetSocketAddress server() {
    return new InetSocketAddress(text("host", "127.0.0.1"), integer("port", 1143));
  }

  /** The login name of user {@code i}: {@code --user-pattern} with {@code %d} replaced. */
  public String user(int i) {
    return String.format(Locale.ROOT, text("user-pattern", "load%d@bench.test"), i);
  }

  public String password() {
    return text("password", "load-bench-password");
  }
}
