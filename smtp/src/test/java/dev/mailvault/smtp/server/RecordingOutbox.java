package dev.mailvault.smtp.server;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.Outbox;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link Outbox} that keeps what it is given, in memory, in order: the submission tests'
 * stand-in for the outbound queue (module smtp cannot see it, ADR 0200). It can be told to fail.
 */
public final class RecordingOutbox implements Outbox {

  private final List<OutboundMessage> messages = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile boolean failing;

  @Override
  public String submit(OutboundMessage message) throws MailvaultException {
    if (failing) {
      throw new MailvaultException("the test outbox refuses");
    }
    messages.add(message);
    return "Q" + ids.incrementAndGet();
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
