package dev.mailvault.core.sieve;

import dev.mailvault.core.mime.MessageView;
import java.time.OffsetDateTime;
import java.util.List;

/** {@link SieveMessage} over core's MIME parser; the parts are decoded on first use. */
final class MimeSieveMessage implements SieveMessage {

  private final MessageView view;
  private final SieveEnvelope envelope;
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
    return view.headers(name);
  }

  @Override
  public List<List<String>> addresses(String name) {
    return view.addresses(name);
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
}
