package dev.mailvault.imap.fetch;

import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.imap.codec.FetchItem;
import dev.mailvault.imap.codec.FetchItem.Partial;
import dev.mailvault.imap.codec.FetchItem.Section;
import dev.mailvault.imap.codec.FetchItem.SectionText;
import dev.mailvault.imap.codec.FetchItem.Simple;
import dev.mailvault.imap.codec.ObjectIds;
import dev.mailvault.imap.codec.ResponseWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the FETCH response of one message (RFC 9051 §7.5.2, RFC 3516 §4.2): {@code * n FETCH
 * (...)} with the items of a {@link FetchPlan} in order. Metadata comes from the stored {@link
 * MessageMeta} (ENVELOPE, BODY and BODYSTRUCTURE as rendered at append, never re-parsed); content
 * from the mailbox, a section at a time, and a partial of the whole message as a byte range.
 *
 * <p>It reads storage and may block: call it off the event loop. It does not change flags; see
 * {@link FetchPlan#setsSeen} for the {@code \Seen} rule the handler applies before answering.
 */
public final class FetchResponder {

  private final MailboxAccess mailbox;
  private final String folder;

  /**
   * @param mailbox where content is read
   * @param folder the selected folder's full name
   */
  public FetchResponder(MailboxAccess mailbox, String folder) {
    this.mailbox = mailbox;
    this.folder = folder;
  }

  /**
   * The bytes of {@code * sequence FETCH (...)} and CRLF.
   *
   * @param recent whether the session counts the message as {@code \Recent} (IMAP4rev1 only)
   * @throws UnknownTransferEncodingException BINARY of a part in an unknown encoding: the handler
   *     answers {@code NO [UNKNOWN-CTE]} (RFC 3516 §4.3)
   * @throws MailvaultException when storage fails
   */
  public byte[] render(long sequence, MessageMeta meta, FetchPlan plan, boolean recent)
      throws MailvaultException {
    return render(sequence, meta, plan, recent, Map.of());
  }

  /**
   * {@link #render} with {@code read}, sections of this message read already (by {@link
   * MailboxAccess#fetchSections}); any other section is read as the answer needs it.
   */
  public byte[] render(
      long sequence, MessageMeta meta, FetchPlan plan, boolean recent, Map<String, byte[]> read)
      throws MailvaultException {
    // The response is built whole before anything is sent: a failure half-way sends nothing.
    ResponseWriter out = new ResponseWriter(false);
    MessageContent content = new MessageContent(mailbox, folder, meta.uid(), meta.size(), read);
    out.untagged().number(sequence).sp().atom("FETCH").sp().open();
    boolean first = true;
    for (FetchItem item : plan.items()) {
      if (!first) {
        out.sp();
      }
      first = false;
      item(out, item, meta, content, recent);
    }
    return out.close().crlf().toBytes();
  }

  /**
   * Appends the response of {@link #render} to {@code out}, all or nothing: on a failure {@code
   * out} is left as it was.
   */
  public void write(
      ResponseWriter out, long sequence, MessageMeta meta, FetchPlan plan, boolean recent)
      throws MailvaultException {
    out.append(render(sequence, meta, plan, recent));
  }

  /**
   * {@link #write} with sections read already, as {@link #render(long, MessageMeta, FetchPlan,
   * boolean, Map)} takes them.
   */
  public void write(
      ResponseWriter out,
      long sequence,
      MessageMeta meta,
      FetchPlan plan,
      boolean recent,
      Map<String, byte[]> read)
      throws MailvaultException {
    out.append(render(sequence, meta, plan, recent, read));
  }

  private void item(
      ResponseWriter out, FetchItem item, MessageMeta meta, MessageContent content, boolean recent)
      throws MailvaultException {
    if (item instanceof Simple simple) {
      simple(out, simple, meta, content, recent);
    } else if (item instanceof FetchItem.BodySection body) {
      bodySection(out, body, content);
    } else if (item instanceof FetchItem.Binary binary) {
      binary(out, binary, meta, content);
    } else if (item instanceof FetchItem.Preview preview) {
      // RFC 8970 §3: PREVIEW nstring; NIL only when LAZY and not readily available.
      out.atom("PREVIEW").sp().nstring(Previews.of(meta, content, preview.lazy()));
    } else if (item instanceof FetchItem.BinarySize size) {
      // RFC 3516 §4.2: the size of the decoded section.
      byte[] decoded = BinaryContent.decode(meta, size.part(), content);
      out.atom("BINARY.SIZE[" + partPath(size.part()) + "]").sp().number(decoded.length);
    }
  }

  private void simple(
      ResponseWriter out, Simple item, MessageMeta meta, MessageContent content, boolean recent)
      throws MailvaultException {
    switch (item) {
      case FLAGS -> flags(out, meta, recent);
      case INTERNALDATE ->
          out.atom("INTERNALDATE").sp().atom(InternalDates.format(meta.internalDate()));
      case RFC822_SIZE -> out.atom("RFC822.SIZE").sp().number(meta.size());
      case ENVELOPE -> out.atom("ENVELOPE").sp().data(meta.envelope());
      case BODY -> out.atom("BODY").sp().data(meta.body());
      case BODYSTRUCTURE -> out.atom("BODYSTRUCTURE").sp().data(meta.bodyStructure());
      case UID -> out.atom("UID").sp().number(meta.uid());
      // RFC 7162 §3.1.4.1: MODSEQ (mod-sequence-value)
      case MODSEQ -> out.atom("MODSEQ").sp().open().number(meta.modseq()).close();
      // RFC 8474 §5.1: EMAILID (objectid), the same for every copy of the message.
      case EMAILID ->
          out.atom("EMAILID").sp().open().atom(ObjectIds.emailId(meta.emailId())).close();
      // RFC 8474 §5.2: NIL while the server keeps no threads (ADR 0223).
      case THREADID -> out.atom("THREADID").sp().nil();
      // RFC 8514 §3: NIL where the save date is not known (stored before schema 11, ADR 0224).
      case SAVEDATE -> {
        out.atom("SAVEDATE").sp();
        if (meta.saveDate() == null) {
          out.nil();
        } else {
          out.atom(InternalDates.format(meta.saveDate()));
        }
      }
      // RFC 9051 §7.5.2 (obsolete forms): RFC822 = BODY[], RFC822.HEADER = BODY.PEEK[HEADER],
      // RFC822.TEXT = BODY[TEXT].
      case RFC822 -> content(out.atom("RFC822").sp(), content.section(""));
      case RFC822_HEADER -> content(out.atom("RFC822.HEADER").sp(), content.section("HEADER"));
      case RFC822_TEXT -> content(out.atom("RFC822.TEXT").sp(), content.section("TEXT"));
    }
  }

  private static void flags(ResponseWriter out, MessageMeta meta, boolean recent) {
    List<String> names = new ArrayList<>();
    for (SystemFlag flag : meta.flags().system()) {
      names.add(flag.imapName());
    }
    if (recent) {
      // RFC 3501 §2.3.2: \Recent belongs to the session, it is not stored with the message.
      names.add("\\Recent");
    }
    names.addAll(meta.flags().keywords());
    out.atom("FLAGS").sp().atom("(" + String.join(" ", names) + ")");
  }

  private void bodySection(ResponseWriter out, FetchItem.BodySection item, MessageContent content)
      throws MailvaultException {
    Section section = item.section();
    Partial partial = item.partial();
    byte[] bytes;
    if (partial != null && isWholeMessage(section)) {
      // Only the asked range of a large message is read.
      bytes = content.range(partial.offset(), partial.length());
    } else {
      bytes = content.section(SectionNames.spec(section));
      if (partial != null) {
        bytes = Partials.slice(bytes, partial.offset(), partial.length());
      }
    }
    // RFC 9051 §7.5.2: the answer names BODY[section]<origin>, never BODY.PEEK.
    out.atom("BODY");
    SectionNames.write(out, section);
    origin(out, partial).sp();
    content(out, bytes);
  }

  private void binary(
      ResponseWriter out, FetchItem.Binary item, MessageMeta meta, MessageContent content)
      throws MailvaultException {
    byte[] bytes = BinaryContent.decode(meta, item.part(), content);
    Partial partial = item.partial();
    if (partial != null) {
      bytes = Partials.slice(bytes, partial.offset(), partial.length());
    }
    out.atom("BINARY[" + partPath(item.part()) + "]");
    origin(out, partial).sp();
    if (contains(bytes, (byte) 0)) {
      // RFC 3516 §4.2: decoded data with NUL goes as literal8.
      out.literal8(bytes);
    } else {
      content(out, bytes);
    }
  }

  private static ResponseWriter origin(ResponseWriter out, Partial partial) {
    // RFC 9051 §7.5.2: BODY[section]<origin octet>, the length is not repeated.
    return partial == null ? out : out.atom("<" + partial.offset() + ">");
  }

  /** Section content: a literal, or {@code ""} when empty (also for a part that does not exist). */
  private static void content(ResponseWriter out, byte[] bytes) {
    if (bytes.length == 0) {
      out.atom("\"\"");
    } else {
      out.literal(bytes);
    }
  }

  private static boolean isWholeMessage(Section section) {
    return section.part().isEmpty() && section.text() == SectionText.NONE;
  }

  static String partPath(List<Integer> part) {
    StringBuilder path = new StringBuilder();
    for (int number : part) {
      if (path.length() > 0) {
        path.append('.');
      }
      path.append(number);
    }
    return path.toString();
  }

  private static boolean contains(byte[] bytes, byte b) {
    for (byte x : bytes) {
      if (x == b) {
        return true;
      }
    }
    return false;
  }
}
