package dev.mailvault.smtp.server;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.Outbox;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link Outbox} that keeps what it is given, in memory, in order: the submission tests'
 * stand-in for the outbound queue (module smtp cannot see it, ADR 0200). It can be told to fail.
 */
public final class RecordingOutbox implements Outbox {

  private final List<OutboundMessage> messages = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<String, OutboundMessage> held = new ConcurrentHashMap<>();
  private volatile boolean failing;

  @Override
  public String submit(OutboundMessage message) throws MailvaultException {
    if (failing) {
      throw new MailvaultException("the test outbox refuses");
    }
    messages.add(message);
    return "Q" + ids.incrementAndGet();
  }

  @Override
  public String prepare(OutboundMessage message) throws MailvaultException {
    if (failing) {
      throw new MailvaultException("the test outbox refuses");
    }
    String id = "H" + ids.incrementAndGet();
    held.put(id, message);
    return id;
  }

  @Override
  public void commit(String id) throws MailvaultException {
    OutboundMessage message = held.remove(id);
    if (message == null) {
      throw new MailvaultException("no held message " + id);
    }
    messages.add(message);
  }

  @Override
  public void abandon(String id) {
    held.remove(id);
  }

  /** How many messages are prepared and neither committed nor abandoned. */
  public int held() {
    return held.size();
  }

  public List<OutboundMessage> messages() {
    return List.copyOf(messages);
  }

  public OutboundMessage last() {
    return messages.get(messages.size() - 1);
  }

  /** From now on every submit fails as a full disk would. */
  public void fail() {
    failing = true;
  }
}
