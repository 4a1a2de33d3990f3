package dev.mailvault.server.tls;

import dev.mailvault.server.config.ConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The key exchange groups every TLS listener offers, in order of preference (setting {@code
 * tls.groups}, ADR 0196): by default the hybrid post-quantum X25519MLKEM768
 * (draft-ietf-tls-ecdhe-mlkem), then X25519 (RFC 7748) and P-256 (RFC 8422) for clients without it.
 * Each provider spells them its own way; this class holds one spelling and translates.
 */
record TlsGroups(List<Group> groups) {

  /** The default of {@code tls.groups}. */
  static final String DEFAULT = "X25519MLKEM768:X25519:P-256";

  /** A group both providers know: its name in BoringSSL's and in Bouncy Castle's JSSE. */
  enum Group {
    X25519MLKEM768("X25519MLKEM768", "X25519MLKEM768", true),
    X25519("X25519", "x25519", false),
    P_256("P-256", "secp256r1", false),
    P_384("P-384", "secp384r1", false),
    P_521("P-521", "secp521r1", false);

    private final String boringSsl;
    private final String bouncyCastle;
    private final boolean postQuantum;

    Group(String boringSsl, String bouncyCastle, boolean postQuantum) {
      this.boringSsl = boringSsl;
      this.bouncyCastle = bouncyCastle;
      this.postQuantum = postQuantum;
    }

    /** The name used in the setting, in logs and in {@code Received} fields. */
    String displayName() {
      return boringSsl;
    }

    static Group named(String name) {
      String wanted = name.toLowerCase(Locale.ROOT);
      for (Group group : values()) {
        if (group.boringSsl.toLowerCase(Locale.ROOT).equals(wanted)
            || group.bouncyCastle.toLowerCase(Locale.ROOT).equals(wanted)) {
          return group;
        }
      }
      return null;
    }
  }

  TlsGroups {
    groups = List.copyOf(groups);
  }

  /**
   * Parses a colon- or comma-separated list, e.g. {@code X25519MLKEM768:X25519:P-256}.
   *
   * @param origin where the value came from, named in the error
   */
  static TlsGroups parse(String raw, String origin) throws ConfigException {
    Set<Group> groups = new LinkedHashSet<>();
    for (String part : raw.split("[:,]")) {
      String name = part.trim();
      if (name.isEmpty()) {
        continue;
      }
      Group group = Group.named(name);
      if (group == null) {
        throw new ConfigException(
            origin + ": unknown TLS group '" + name + "' (known: " + known() + ")");
      }
      groups.add(group);
    }
    if (groups.isEmpty()) {
      throw new ConfigException(origin + " names no TLS group (default: " + DEFAULT + ")");
    }
    return new TlsGroups(new ArrayList<>(groups));
  }

  String[] forBoringSsl() {
    return groups.stream().map(g -> g.boringSsl).toArray(String[]::new);
  }

  String[] forBouncyCastle() {
    return groups.stream().map(g -> g.bouncyCastle).toArray(String[]::new);
  }

  boolean offersPostQuantum() {
    return groups.stream().anyMatch(g -> g.postQuantum);
  }

  @Override
  public String toString() {
    return String.join(":", groups.stream().map(Group::displayName).toList());
  }

  private static String known() {
    return String.join(", ", Arrays.stream(Group.values()).map(Group::displayName).toList());
  }
}
