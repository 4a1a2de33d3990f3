package dev.mailvault.core.sieve;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One action a script decided on. Flags are IMAP flags as written ({@code \Seen}, {@code $Label1}),
 * in the order they were set.
 */
public sealed interface SieveAction {

  /** File into INBOX (RFC 5228 §4.3), explicit or the implicit keep (§2.10.2). */
  record Keep(Set<String> flags) implements SieveAction {
    public Keep {
      flags = copy(flags);
    }
  }

  /**
   * File into {@code folder} (RFC 5228 §4.1), creating it first when {@code create} (RFC 5490 §3.2;
   * otherwise a missing folder means INBOX).
   */
  record FileInto(String folder, Set<String> flags, boolean create) implements SieveAction {
    public FileInto {
      Objects.requireNonNull(folder, "folder");
      flags = copy(flags);
    }
  }

  /** Send the message on, unchanged, to {@code address} (RFC 5228 §4.2). */
  record Redirect(String address) implements SieveAction {
    public Redirect {
      Objects.requireNonNull(address, "address");
    }
  }

  /**
   * Refuse the message (RFC 5429): with {@code extended} ({@code ereject}) at SMTP time when
   * possible, otherwise by a DSN/MDN.
   */
  record Reject(String reason, boolean extended) implements SieveAction {
    public Reject {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Drop the message silently (RFC 5228 §4.4). */
  record Discard() implements SieveAction {}

  /**
   * Send an automatic reply (RFC 5230). Only returned when the checks of §4.5 that the message
   * allows have passed; the caller still sends at most one reply per {@code (to, handle)} within
   * {@code period}.
   *
   * @param to the reply recipient: the envelope sender (§4.1)
   * @param subject the subject of the reply (§4.4 default {@code Auto: } + the original subject)
   * @param body the reason: plain text, or a MIME entity when {@code mime}
   * @param mime whether {@code body} is a MIME entity with its own headers (§4.8)
   * @param from the From address to use, or null for the user's address (§4.3)
   * @param period how long to remember that {@code to} got this reply (§4.1)
   * @param handle what identifies this reply for that memory (§4.2)
   */
  record Vacation(
      String to,
      String subject,
      String body,
      boolean mime,
      String from,
      Duration period,
      String handle)
      implements SieveAction {
    public Vacation {
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(period, "period");
      Objects.requireNonNull(handle, "handle");
    }
  }

  private static Set<String> copy(Set<String> flags) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(flags));
  }
}
