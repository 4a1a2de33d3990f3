package dev.mailvault.smtp.server;

import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.core.error.MailvaultException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link MailDelivery} for tests: keeps what it was given in memory (the store-backed delivery is
 * tested in the store module), and can be told to fail the next delivery.
 */
public final class RecordingDelivery implements MailDelivery {

  /** One call: the message, its recipients and the thread that made the call. */
  public record Delivered(Incoming message, List<Recipient> recipients, String thread) {}

  private final List<Delivered> delivered = new CopyOnWriteArrayList<>();
  private final AtomicReference<Exception> nextFailure = new AtomicReference<>();

  @Override
  public void deliver(Incoming message, List<Recipient> recipients) throws MailvaultException {
    Exception failure = nextFailure.getAndSet(null);
    if (failure instanceof MailvaultException checked) {
      throw checked;
    }
    if (failure instanceof RuntimeException unchecked) {
      throw unchecked;
    }
    delivered.add(
        new Delivered(message, List.copyOf(recipients), Thread.currentThread().getName()));
  }

  public void failNextWith(Exception failure) {
    nextFailure.set(failure);
  }

  public List<Delivered> delivered() {
    return List.copyOf(delivered);
  }

  public Delivered last() {
    if (delivered.isEmpty()) {
      throw new AssertionError("nothing was delivered");
    }
    return delivered.get(delivered.size() - 1);
  }
}
