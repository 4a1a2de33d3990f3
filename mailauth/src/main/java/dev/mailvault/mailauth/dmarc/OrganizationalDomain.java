package dev.mailvault.mailauth.dmarc;

import java.io.IOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The organizational domain of RFC 7489 §3.2: the public suffix of a name plus one label, the
 * public suffixes taken from the Public Suffix List (publicsuffix.org format; Debian ships it as
 * {@code /usr/share/publicsuffix/public_suffix_list.dat}). Without a readable list, the last two
 * labels stand in: right for {@code example.com}, too short for {@code example.co.uk}, whose
 * subdomains then align with one another only in strict mode's sense (ADR 0206).
 */
public final class OrganizationalDomain {

  /** Where Debian's {@code publicsuffix} package puts the list. */
  public static final Path DEBIAN_LIST = Path.of("/usr/share/publicsuffix/public_suffix_list.dat");

  private static final Logger LOG = LoggerFactory.getLogger(OrganizationalDomain.class);

  private final Set<String> rules = new HashSet<>();
  private final Set<String> wildcards = new HashSet<>();
  private final Set<String> exceptions = new HashSet<>();
  private final boolean loaded;

  /** Reads the list at {@code list}; falls back to the last two labels when it is unreadable. */
  public OrganizationalDomain(Path list) {
    boolean read = false;
    try {
      for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
        String rule = line.strip();
        if (rule.isEmpty() || rule.startsWith("//")) {
          continue;
        }
        rule = ascii(rule.split("\\s", 2)[0]);
        if (rule.startsWith("!")) {
          exceptions.add(rule.substring(1));
        } else if (rule.startsWith("*.")) {
          wildcards.add(rule.substring(2));
        } else {
          rules.add(rule);
        }
      }
      read = true;
    } catch (IOException e) {
      LOG.warn(
          "public suffix list {} unreadable, organizational domains are the last two labels", list);
    }
    this.loaded = read;
  }

  /** Whether the list was read (else the two-label fallback is in use). */
  public boolean usesList() {
    return loaded;
  }

  /** The organizational domain of {@code domain}, lower case, without a trailing dot. */
  public String of(String domain) {
    String name = domain.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    String[] labels = name.split("\\.");
    int suffixStart = labels.length - 1;
    if (loaded) {
      suffixStart = publicSuffixStart(labels);
    } else {
      suffixStart = Math.max(0, labels.length - 1);
    }
    // RFC 7489 §3.2 step 3-4: the public suffix plus one label (a suffix alone is its own).
    int start = Math.max(0, suffixStart - 1);
    return String.join(".", java.util.Arrays.copyOfRange(labels, start, labels.length));
  }

  /** The index of the first label of the public suffix (the PSL's prevailing rule). */
  private int publicSuffixStart(String[] labels) {
    for (int i = 0; i < labels.length; i++) {
      String candidate = join(labels, i);
      if (exceptions.contains(candidate)) {
        return i + 1;
      }
      if (rules.contains(candidate)) {
        return i;
      }
      if (i + 1 < labels.length && wildcards.contains(join(labels, i + 1))) {
        return i;
      }
    }
    // The PSL's implicit rule "*": the last label is a public suffix.
    return labels.length - 1;
  }

  private static String join(String[] labels, int from) {
    return String.join(".", java.util.Arrays.copyOfRange(labels, from, labels.length));
  }

  private static String ascii(String rule) {
    try {
      return IDN.toASCII(rule, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException notConvertible) {
      return rule.toLowerCase(Locale.ROOT);
    }
  }
}
