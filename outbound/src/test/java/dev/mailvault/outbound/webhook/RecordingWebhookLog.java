package dev.mailvault.outbound.webhook;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A delivery log that keeps its entries for the test to read. */
final class RecordingWebhookLog implements WebhookLog {

  final List<WebhookDelivery> entries = new CopyOnWriteArrayList<>();

  @Override
  public void record(WebhookDelivery entry) {
    entries.add(entry);
  }
}
