package dev.mailvault.core.sieve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The vacation decisions that can be taken from the message alone (RFC 5230 §4.5, §4.1-§4.4). The
 * memory of who was answered already, per {@code (sender, handle)} within the period, is the
 * caller's.
 */
final class VacationRules {

  static final int DEFAULT_DAYS = 7;

  /** RFC 5230 §4.1 lets sites bound :days; one day to ninety, as Pigeonhole's defaults roughly. */
  static final int MIN_DAYS = 1;

  static final int MAX_DAYS = 90;

  // RFC 2369 and RFC 2919 list headers: their presence marks list mail (RFC 5230 §4.5).
  private static final List<String> LIST_HEADERS =
      List.of(
          "List-Id",
          "List-Help",
          "List-Subscribe",
          "List-Unsubscribe",
          "List-Post",
          "List-Owner",
          "List-Archive");

  private VacationRules() {}

  /** Whether a reply may be sent; {@code extra} are the :addresses of the script. */
  static boolean mayReply(SieveMessage message, SieveEnvironment env, List<String> extra) {
    String sender = message.envelope().from();
    // RFC 5230 §4.5: never to the null reverse-path.
    if (sender.isEmpty() || !Addresses.isMailbox(sender)) {
      return false;
    }
    String local = Addresses.localPart(sender).toLowerCase(Locale.ROOT);
    if (local.equals("mailer-daemon")
        || local.equals("listserv")
        || local.equals("majordomo")
        || local.startsWith("owner-")
        || local.endsWith("-request")) {
      return false;
    }
    for (String auto : message.headers("Auto-Submitted")) {
      if (!auto.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
        return false;
      }
    }
    for (String precedence : message.headers("Precedence")) {
      String p = precedence.strip().toLowerCase(Locale.ROOT);
      if (p.equals("bulk") || p.equals("list") || p.equals("junk")) {
        return false;
      }
    }
    for (String h : LIST_HEADERS) {
      if (!message.headers(h).isEmpty()) {
        return false;
      }
    }
    Set<String> mine = new HashSet<>();
    mine.add(withoutDetail(env.myAddress()));
    mine.add(withoutDetail(message.envelope().originalTo()));
    for (String a : env.aliasAddresses()) {
      mine.add(withoutDetail(a));
    }
    for (String a : extra) {
      mine.add(withoutDetail(a));
    }
    // Never answer ourselves.
    if (mine.contains(withoutDetail(sender))) {
      return false;
    }
    // RFC 5230 §4.5: only when one of the user's addresses is a visible recipient.
    for (String field : List.of("To", "Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc")) {
      for (List<String> addresses : message.addresses(field)) {
        for (String a : addresses) {
          if (mine.contains(withoutDetail(a))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  static Duration period(Long days) {
    long d = days == null ? DEFAULT_DAYS : Math.max(MIN_DAYS, Math.min(MAX_DAYS, days));
    return Duration.ofDays(d);
  }

  /** RFC 5230 §4.4: "Auto:" and the original subject when the script gives none. */
  static String subject(SieveMessage message) {
    List<String> subjects = message.headers("Subject");
    String original = subjects.isEmpty() ? "" : subjects.get(0);
    return original.isEmpty() ? "Automated reply" : "Auto: " + original;
  }

  /**
   * RFC 5230 §4.2: without :handle, replies that differ in reason, subject, from or mime are
   * different replies; the handle is a digest of those.
   */
  static String handle(String reason, String subject, String from, boolean mime) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part :
          new String[] {reason, subject, from == null ? "" : from, mime ? "m" : ""}) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return "auto-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private static String withoutDetail(String address) {
    String a = Addresses.normal(address);
    if (a.startsWith("<") && a.endsWith(">")) {
      a = a.substring(1, a.length() - 1);
    }
    String local = Addresses.localPart(a);
    int sep = local.indexOf(Addresses.DETAIL_SEPARATOR);
    return sep < 0 ? a : local.substring(0, sep) + "@" + Addresses.domain(a);
  }
}
