package dev.mailvault.server.admin;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The operations the admin socket offers, by name ({@code backup.create}, {@code backup.restore},
 * {@code purge}, ...). Features register theirs while the node starts.
 */
public final class AdminOperations {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");

  private final ConcurrentHashMap<String, AdminOperation> operations = new ConcurrentHashMap<>();

  /** Adds an operation; a name is registered once. */
  public void register(String name, AdminOperation operation) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("an admin operation name is dotted lower-case words");
    }
    if (operations.putIfAbsent(name, operation) != null) {
      throw new IllegalStateException("admin operation " + name + " is registered already");
    }
  }

  public Optional<AdminOperation> find(String name) {
    return Optional.ofNullable(operations.get(name));
  }

  public Set<String> names() {
    return new TreeSet<>(operations.keySet());
  }
}
