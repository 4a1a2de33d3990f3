package dev.mailvault.core.sieve;

import dev.mailvault.core.mime.MessageView;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/** {@link SieveMessage} over core's MIME parser; the parts are decoded on first use. */
final class MimeSieveMessage implements SieveMessage {

  private final MessageView view;
  private final SieveEnvelope envelope;
  // One message per instance, read by one evaluation at a time: plain maps suffice.
  private final Map<String, List<String>> headers = new HashMap<>();
  private final Map<String, List<List<String>>> addresses = new HashMap<>();
  private List<BodyPart> parts;

  MimeSieveMessage(byte[] raw, SieveEnvelope envelope) {
    this.view = MessageView.of(raw);
    this.envelope = envelope;
  }

  @Override
  public SieveEnvelope envelope() {
    return envelope;
  }

  @Override
  public long size() {
    return view.size();
  }

  @Override
  public List<String> headers(String name) {
    return headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), view::headers);
  }

  @Override
  public List<List<String>> addresses(String name) {
    return addresses.computeIfAbsent(name.toLowerCase(Locale.ROOT), view::addresses);
  }

  @Override
  public OffsetDateTime parseDate(String value) {
    return MessageView.date(value);
  }

  @Override
  public String rawBody() {
    return view.rawBody();
  }

  @Override
  public List<BodyPart> bodyParts() {
    if (parts == null) {
      parts = view.parts().stream().map(p -> new BodyPart(p.mediaType(), p.text())).toList();
    }
    return parts;
  }

  @Override
  public List<BodyPart> bodyParts(Predicate<String> wanted) {
    if (parts != null) {
      return SieveMessage.super.bodyParts(wanted);
    }
    return view.parts(wanted).stream().map(p -> new BodyPart(p.mediaType(), p.text())).toList();
  }
}
