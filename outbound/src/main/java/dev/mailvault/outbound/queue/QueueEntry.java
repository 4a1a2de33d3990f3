package dev.mailvault.outbound.queue;

import dev.mailvault.core.outbound.OutboundMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code mailvault queue} shows of an item: ids, domains, attempts, times and errors, never a
 * local part or a byte of the message (issue 13).
 *
 * @param id the queue id
 * @param accepted when submission accepted it
 * @param size the message's size in octets
 * @param recipients each recipient, by domain
 * @param pendingReports reports to the sender not yet delivered
 */
public record QueueEntry(
    String id, Instant accepted, int size, List<Recipient> recipients, int pendingReports) {

  /** An address inside a reply ({@code <bob@example.com>}): its local part is hidden. */
  private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(),;:]+@([A-Za-z0-9.-]+)");

  /**
   * One recipient as shown.
   *
   * @param domain the recipient's domain
   * @param progress pending, delivered or failed
   * @param attempts attempts so far
   * @param nextAttempt when it is tried next, while pending
   * @param lastError the last status and reply, with every address's local part hidden
   */
  public record Recipient(
      String domain,
      RecipientState.Progress progress,
      int attempts,
      Optional<Instant> nextAttempt,
      String lastError) {

    public Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("domain", domain);
      map.put("state", progress.name().toLowerCase(java.util.Locale.ROOT));
      map.put("attempts", attempts);
      map.put("nextAttempt", nextAttempt.map(Instant::toString).orElse(""));
      map.put("lastError", lastError);
      return map;
    }
  }

  public QueueEntry {
    recipients = List.copyOf(recipients);
  }

  static QueueEntry of(String id, OutboundMessage message, ItemState state) {
    List<Recipient> recipients =
        state.recipients().stream()
            .map(
                r ->
                    new Recipient(
                        QueuedItem.domain(message.recipients().get(r.index()).address()),
                        r.progress(),
                        r.attempts(),
                        r.pending() ? Optional.of(r.nextAttempt()) : Optional.empty(),
                        r.status().isEmpty() ? "" : redact(r.status() + " " + r.diagnostic())))
            .toList();
    int pendingReports = (int) state.reports().stream().filter(Report::pending).count();
    return new QueueEntry(id, message.accepted(), message.raw().length, recipients, pendingReports);
  }

  /** Hides local parts: a remote reply often repeats the address it refuses. */
  static String redact(String text) {
    return ADDRESS.matcher(text).replaceAll("*@$1");
  }

  /** The attempts of the recipient tried most. */
  public int attempts() {
    return recipients.stream().mapToInt(Recipient::attempts).max().orElse(0);
  }

  /** The earliest next attempt of a pending recipient. */
  public Optional<Instant> nextAttempt() {
    return recipients.stream().flatMap(r -> r.nextAttempt().stream()).min(Instant::compareTo);
  }

  /** The distinct domains still pending, or all of them once none is. */
  public List<String> domains() {
    return recipients.stream().map(Recipient::domain).distinct().toList();
  }

  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", id);
    map.put("accepted", accepted.toString());
    map.put("size", size);
    map.put("attempts", attempts());
    map.put("nextAttempt", nextAttempt().map(Instant::toString).orElse(""));
    map.put("domains", domains());
    map.put("pendingReports", pendingReports);
    map.put("recipients", recipients.stream().map(Recipient::toMap).toList());
    return map;
  }
}
