package dev.mailvault.imap.fetch;

import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.error.MailvaultException;
import java.util.List;

/**
 * The content BINARY[part] answers (RFC 3516 §4.2): the part's body with its own
 * Content-Transfer-Encoding undone. The encoding is read from the stored BODY data; a part that
 * does not exist reads as empty, as BODY[part] does; a multipart part and the message itself
 * (BINARY[]) are answered as stored (docs/adr/0066).
 */
final class BinaryContent {

  private BinaryContent() {}

  static byte[] decode(MessageMeta meta, List<Integer> part, MessageContent content)
      throws MailvaultException {
    BodyPartLocator.Part located = BodyPartLocator.find(meta.body(), part);
    if (located == null) {
      return new byte[0];
    }
    byte[] raw = content.section(FetchResponder.partPath(part));
    return TransferDecoder.decode(raw, located.encoding());
  }
}
