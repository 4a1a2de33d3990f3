package dev.mailvault.store.spool;

import dev.mailvault.core.access.MailDelivery.Destination;
import dev.mailvault.core.access.MailDelivery.Filing;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The plaintext inside a sealed spool file (ADR 0036), all integers big-endian:
 *
 * <pre>
 * u8  version = 1, 2 or 3
 * u8  destination, versions 2 and 3: 0 = INBOX, 1 = Junk (ADR 0206); version 1 means INBOX
 * version 3 only, the copies Sieve asked for (ADR 0252):
 *   u16 number of copies, at least 1, each:
 *     u8  1 when a folder is named, then u16 length and the folder name in UTF-8; 0 when not
 *     u8  1 when a missing folder is created ({@code :create}), else 0
 *     u16 number of flags, each as u16 length then UTF-8 ({@code \Seen} or a keyword)
 * i64 arrival, seconds since the epoch
 * i32 arrival, nanoseconds within the second
 * u16 length, then the MAIL FROM path in UTF-8 (RFC 6531 allows UTF-8 addresses)
 * u16 number of RCPT TO paths, each as u16 length then UTF-8
 * i32 length, then the raw message bytes
 * </pre>
 *
 * <p>An item for INBOX is written as version 1, byte for byte what builds before version 2 wrote
 * and read, so going back to such a build loses no ordinary mail; only a quarantined item needs
 * version 2, and only an item with Sieve's copies version 3. Items sealed by older builds are
 * version 1 and drain into INBOX as before.
 */
final class SpoolItemCodec {

  static final byte VERSION = 1;

  /** Version 1 with a destination byte after the version. */
  static final byte VERSION_WITH_DESTINATION = 2;

  /** Version 2 with the copies after the destination. */
  static final byte VERSION_WITH_FILINGS = 3;

  private static final byte INBOX = 0;
  private static final byte JUNK = 1;
  private static final int MAX_STRING = 0xFFFF;

  private SpoolItemCodec() {}

  static byte[] encode(SpoolItem item) {
    if (item.rcptTo().size() > MAX_STRING) {
      throw new IllegalArgumentException("too many recipients for one spool item");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(item.raw().length + 256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      boolean plain = item.filings().equals(List.of(Filing.DEFAULT));
      if (!plain) {
        out.writeByte(VERSION_WITH_FILINGS);
        out.writeByte(item.destination() == Destination.INBOX ? INBOX : JUNK);
        writeFilings(out, item.filings());
      } else if (item.destination() == Destination.INBOX) {
        out.writeByte(VERSION);
      } else {
        out.writeByte(VERSION_WITH_DESTINATION);
        out.writeByte(JUNK);
      }
      out.writeLong(item.arrival().getEpochSecond());
      out.writeInt(item.arrival().getNano());
      writeString(out, item.mailFrom());
      out.writeShort(item.rcptTo().size());
      for (String rcpt : item.rcptTo()) {
        writeString(out, rcpt);
      }
      out.writeInt(item.raw().length);
      out.write(item.raw());
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return bytes.toByteArray();
  }

  static SpoolItem decode(byte[] plaintext) throws SpoolItemUnreadableException {
    ByteBuffer in = ByteBuffer.wrap(plaintext);
    try {
      byte version = in.get();
      Destination destination = Destination.INBOX;
      List<Filing> filings = List.of(Filing.DEFAULT);
      if (version == VERSION_WITH_DESTINATION || version == VERSION_WITH_FILINGS) {
        destination =
            switch (in.get()) {
              case INBOX -> Destination.INBOX;
              case JUNK -> Destination.JUNK;
              default -> throw new SpoolItemUnreadableException("unknown spool item destination");
            };
        if (version == VERSION_WITH_FILINGS) {
          filings = readFilings(in);
        }
      } else if (version != VERSION) {
        throw new SpoolItemUnreadableException("unknown spool item format " + version);
      }
      Instant arrival = Instant.ofEpochSecond(in.getLong(), in.getInt());
      String mailFrom = readString(in);
      int count = Short.toUnsignedInt(in.getShort());
      List<String> rcptTo = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        rcptTo.add(readString(in));
      }
      int length = in.getInt();
      if (length < 0 || length != in.remaining()) {
        throw new SpoolItemUnreadableException("spool item length does not match its content");
      }
      byte[] raw = new byte[length];
      in.get(raw);
      return new SpoolItem(raw, arrival, mailFrom, rcptTo, destination, filings);
    } catch (BufferUnderflowException
        | IllegalArgumentException
        | DateTimeException
        | CharacterCodingException e) {
      throw new SpoolItemUnreadableException("spool item is malformed", e);
    }
  }

  private static void writeFilings(DataOutputStream out, List<Filing> filings) throws IOException {
    if (filings.size() > MAX_STRING) {
      throw new IllegalArgumentException("too many copies for one spool item");
    }
    out.writeShort(filings.size());
    for (Filing filing : filings) {
      out.writeByte(filing.folder().isPresent() ? 1 : 0);
      if (filing.folder().isPresent()) {
        writeString(out, filing.folder().get());
      }
      out.writeByte(filing.create() ? 1 : 0);
      List<String> flags = new ArrayList<>();
      filing.flags().system().forEach(f -> flags.add(f.imapName()));
      flags.addAll(filing.flags().keywords());
      out.writeShort(flags.size());
      for (String flag : flags) {
        writeString(out, flag);
      }
    }
  }

  private static List<Filing> readFilings(ByteBuffer in)
      throws CharacterCodingException, SpoolItemUnreadableException {
    int count = Short.toUnsignedInt(in.getShort());
    if (count == 0) {
      throw new SpoolItemUnreadableException("spool item keeps no copy");
    }
    List<Filing> filings = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Optional<String> folder = in.get() == 1 ? Optional.of(readString(in)) : Optional.empty();
      boolean create = in.get() == 1;
      int flagCount = Short.toUnsignedInt(in.getShort());
      Set<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
      SortedSet<String> keywords = new TreeSet<>();
      for (int f = 0; f < flagCount; f++) {
        String flag = readString(in);
        Optional<SystemFlag> named = SystemFlag.fromImapName(flag);
        if (named.isPresent()) {
          system.add(named.get());
        } else {
          keywords.add(flag);
        }
      }
      filings.add(new Filing(folder, create, new Flags(system, keywords)));
    }
    return filings;
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    if (utf8.length > MAX_STRING) {
      throw new IllegalArgumentException("envelope path too long for a spool item");
    }
    out.writeShort(utf8.length);
    out.write(utf8);
  }

  private static String readString(ByteBuffer in) throws CharacterCodingException {
    int length = Short.toUnsignedInt(in.getShort());
    ByteBuffer slice = in.slice();
    slice.limit(length);
    in.position(in.position() + length);
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(slice)
        .toString();
  }
}
