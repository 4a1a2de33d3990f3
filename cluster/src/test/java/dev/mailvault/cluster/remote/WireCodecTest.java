package dev.mailvault.cluster.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.access.AppendResult;
import dev.mailvault.core.access.ConditionalStore;
import dev.mailvault.core.access.CopyResult;
import dev.mailvault.core.access.ExpungeResult;
import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.access.MailDelivery.Destination;
import dev.mailvault.core.access.MailDelivery.Filing;
import dev.mailvault.core.access.MailDelivery.Incoming;
import dev.mailvault.core.access.MailDelivery.Recipient;
import dev.mailvault.core.access.MessageFlags;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.MessageThread;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.access.SortCriterion;
import dev.mailvault.core.access.StoreMode;
import dev.mailvault.core.access.VaultEvent;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.outbound.DsnNotify;
import dev.mailvault.core.outbound.DsnReturn;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.OutboundRecipient;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every type that crosses between a front-end and a primary survives the wire unchanged (random
 * values from fixed seeds), and no truncated, altered or nonsensical payload gets anything but a
 * {@link WireFormatException} out of the decoder.
 */
class WireCodecTest {

  /** One type: how to make a random value, write it and read it. */
  record Case<T>(
      String name,
      Function<Random, T> generate,
      WireWriter.Encoder<T> encoder,
      WireReader.Decoder<T> decoder) {
    byte[] encode(T value) {
      WireWriter out = new WireWriter();
      encoder.write(out, value);
      return out.toBytes();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case<?>> cases() {
    return List.of(
        new Case<>("Flags", WireCodecTest::flags, Codecs::writeFlags, Codecs::readFlags),
        new Case<>("UidSet", WireCodecTest::uids, Codecs::writeUids, Codecs::readUids),
        new Case<>("FolderInfo", WireCodecTest::folder, Codecs::writeFolder, Codecs::readFolder),
        new Case<>(
            "MessageFlags",
            WireCodecTest::messageFlags,
            Codecs::writeMessageFlags,
            Codecs::readMessageFlags),
        new Case<>("MessageMeta", WireCodecTest::meta, Codecs::writeMeta, Codecs::readMeta),
        new Case<>("SearchQuery", r -> query(r, 4), QueryCodec::write, QueryCodec::read),
        new Case<>(
            "SortCriterion",
            r -> new SortCriterion(pick(r, SortCriterion.Key.values()), r.nextBoolean()),
            Codecs::writeSort,
            Codecs::readSort),
        new Case<>("MessageThread", r -> thread(r, 3), Codecs::writeThread, Codecs::readThread),
        new Case<>(
            "FlagUpdate",
            r -> new FlagUpdate(pick(r, StoreMode.values()), flags(r)),
            Codecs::writeFlagUpdate,
            Codecs::readFlagUpdate),
        new Case<>(
            "ConditionalStore",
            r -> new ConditionalStore(list(r, WireCodecTest::messageFlags), longs(r)),
            Codecs::writeConditional,
            Codecs::readConditional),
        new Case<>(
            "CopyResult",
            r -> new CopyResult(r.nextLong(), longs(r), longs(r)),
            Codecs::writeCopy,
            Codecs::readCopy),
        new Case<>(
            "ExpungeResult",
            r -> new ExpungeResult(longs(r), r.nextLong()),
            Codecs::writeExpunge,
            Codecs::readExpunge),
        new Case<>(
            "AppendResult",
            r -> new AppendResult(r.nextLong(), r.nextLong(), r.nextLong()),
            Codecs::writeAppend,
            Codecs::readAppend),
        new Case<>(
            "NewMessage",
            r -> new NewMessage(bytes(r), flags(r), instant(r)),
            Codecs::writeNewMessage,
            Codecs::readNewMessage),
        new Case<>("VaultEvent", WireCodecTest::event, EventCodec::write, EventCodec::read),
        new Case<>(
            "Sections", WireCodecTest::sections, Codecs::writeSections, Codecs::readSections),
        new Case<>("Filing", WireCodecTest::filing, Codecs::writeFiling, Codecs::readFiling),
        new Case<>(
            "Recipient",
            r -> new Recipient(text(r), bytes(r), list1(r, WireCodecTest::filing)),
            Codecs::writeRecipient,
            Codecs::readRecipient),
        new Case<>(
            "Incoming",
            r ->
                new Incoming(
                    bytes(r),
                    instant(r),
                    text(r),
                    list(r, WireCodecTest::text),
                    pick(r, Destination.values())),
            Codecs::writeIncoming,
            Codecs::readIncoming),
        new Case<>(
            "OutboundMessage",
            WireCodecTest::outbound,
            Codecs::writeOutbound,
            Codecs::readOutbound));
  }

  static Stream<Arguments> seeded() {
    return cases().stream()
        .flatMap(c -> IntStream.range(0, 25).mapToObj(seed -> Arguments.of(c, seed)));
  }

  static Stream<Arguments> perCase() {
    return cases().stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("seeded")
  <T> void roundTrips(Case<T> c, int seed) throws Exception {
    T value = c.generate().apply(new Random(seed));
    T back = WireReader.decode(c.encode(value), c.decoder());
    assertThat(back).usingRecursiveComparison().isEqualTo(value);
    assertThat(c.encode(back)).isEqualTo(c.encode(value));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("perCase")
  <T> void everyTruncationIsACleanFailure(Case<T> c) {
    for (int seed = 0; seed < 5; seed++) {
      byte[] whole = c.encode(c.generate().apply(new Random(seed)));
      for (int length = 0; length < whole.length; length++) {
        byte[] cut = java.util.Arrays.copyOf(whole, length);
        assertThatThrownBy(() -> WireReader.decode(cut, c.decoder()))
            .as("%s cut at %d of %d", c, length, whole.length)
            .isInstanceOf(WireFormatException.class);
      }
      byte[] longer = java.util.Arrays.copyOf(whole, whole.length + 1);
      assertThatThrownBy(() -> WireReader.decode(longer, c.decoder()))
          .isInstanceOf(WireFormatException.class);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("perCase")
  <T> void garbageAndAlteredBytesDecodeOrFailCleanly(Case<T> c) {
    Random random = new Random(c.name().hashCode());
    for (int i = 0; i < 300; i++) {
      byte[] input;
      if (i % 2 == 0) {
        input = new byte[random.nextInt(64)];
        random.nextBytes(input);
      } else {
        input = c.encode(c.generate().apply(random));
        for (int flips = 0; flips < 3 && input.length > 0; flips++) {
          input[random.nextInt(input.length)] ^= (byte) (1 << random.nextInt(8));
        }
      }
      byte[] payload = input;
      try {
        WireReader.decode(payload, c.decoder());
      } catch (WireFormatException expected) {
        // a clean refusal
      } catch (Throwable other) {
        throw new AssertionError(c + " threw " + other, other);
      }
    }
  }

  @org.junit.jupiter.api.Test
  void aHugeCountIsRefusedBeforeAnythingIsAllocated() {
    byte[] payload = new WireWriter().writeInt(Integer.MAX_VALUE).toBytes();
    assertThatThrownBy(() -> WireReader.decode(payload, WireReader::readBytes))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("count larger than the payload");
    assertThatThrownBy(() -> WireReader.decode(payload, in -> in.readList(1, WireReader::readLong)))
        .isInstanceOf(WireFormatException.class);
  }

  @org.junit.jupiter.api.Test
  void queriesAndThreadsNestedTooDeeplyAreRefused() throws Exception {
    SearchQuery query = new SearchQuery.All();
    MessageThread thread = new MessageThread(1, List.of());
    for (int i = 0; i < WireReader.MAX_DEPTH - 1; i++) {
      query = new SearchQuery.Not(query);
      thread = new MessageThread(i + 2, List.of(thread));
    }
    WireWriter ok = new WireWriter();
    QueryCodec.write(ok, query);
    assertThat(WireReader.decode(ok.toBytes(), QueryCodec::read)).isEqualTo(query);
    WireWriter deep = new WireWriter();
    QueryCodec.write(deep, new SearchQuery.Not(query));
    assertThatThrownBy(() -> WireReader.decode(deep.toBytes(), QueryCodec::read))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("nested too deep");
    WireWriter deepThread = new WireWriter();
    Codecs.writeThread(deepThread, new MessageThread(0, List.of(thread)));
    assertThatThrownBy(() -> WireReader.decode(deepThread.toBytes(), Codecs::readThread))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("nested too deep");
  }

  @org.junit.jupiter.api.Test
  void unknownTagsAndValuesRecordsRefuseAreRefused() {
    assertThatThrownBy(() -> WireReader.decode(new byte[] {99}, QueryCodec::read))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("unknown search key");
    assertThatThrownBy(() -> WireReader.decode(new byte[] {0}, EventCodec::read))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("unknown event");
    byte[] unknownFlag = new WireWriter().writeInt(1).writeString("RECENT").writeInt(0).toBytes();
    assertThatThrownBy(() -> WireReader.decode(unknownFlag, Codecs::readFlags))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("unknown tag");
    byte[] badRange = new WireWriter().writeInt(1).writeLong(5).writeLong(2).toBytes();
    assertThatThrownBy(() -> WireReader.decode(badRange, Codecs::readUids))
        .isInstanceOf(WireFormatException.class);
    byte[] notUtf8 = new WireWriter().writeBytes(new byte[] {(byte) 0xC3, 0x28}).toBytes();
    assertThatThrownBy(() -> WireReader.decode(notUtf8, WireReader::readString))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("string is not UTF-8");
  }

  // generators

  private static <E> E pick(Random r, E[] values) {
    return values[r.nextInt(values.length)];
  }

  private static String text(Random r) {
    StringBuilder s = new StringBuilder();
    String alphabet = "abcXYZ09 /._-éü€漢😀";
    int n = r.nextInt(12);
    for (int i = 0; i < n; i++) {
      s.appendCodePoint(
          alphabet.codePointAt(
              alphabet.offsetByCodePoints(
                  0, r.nextInt(alphabet.codePointCount(0, alphabet.length())))));
    }
    return s.toString();
  }

  private static String nullableText(Random r) {
    return r.nextInt(4) == 0 ? null : text(r);
  }

  private static byte[] bytes(Random r) {
    byte[] b = new byte[r.nextInt(50)];
    r.nextBytes(b);
    return b;
  }

  private static Instant instant(Random r) {
    return Instant.ofEpochSecond(r.nextInt(2_000_000_000), r.nextInt(1_000_000_000));
  }

  private static List<Long> longs(Random r) {
    List<Long> out = new ArrayList<>();
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      out.add(r.nextLong());
    }
    return out;
  }

  private static <T> List<T> list(Random r, Function<Random, T> item) {
    List<T> out = new ArrayList<>();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      out.add(item.apply(r));
    }
    return out;
  }

  private static <T> List<T> list1(Random r, Function<Random, T> item) {
    List<T> out = new ArrayList<>(list(r, item));
    out.add(item.apply(r));
    return out;
  }

  private static Flags flags(Random r) {
    EnumSet<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
    for (SystemFlag f : SystemFlag.values()) {
      if (r.nextBoolean()) {
        system.add(f);
      }
    }
    TreeSet<String> keywords = new TreeSet<>();
    int n = r.nextInt(3);
    for (int i = 0; i < n; i++) {
      keywords.add("$Kw" + r.nextInt(100));
    }
    return new Flags(system, keywords);
  }

  private static UidSet uids(Random r) {
    List<UidSet.Range> ranges = new ArrayList<>();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      long first = 1 + r.nextInt(1000);
      ranges.add(new UidSet.Range(first, first + r.nextInt(50)));
    }
    return new UidSet(ranges);
  }

  private static FolderInfo folder(Random r) {
    return new FolderInfo(
        text(r),
        nullableText(r),
        r.nextBoolean(),
        r.nextBoolean(),
        r.nextLong(),
        r.nextLong(),
        r.nextLong(),
        r.nextLong(),
        r.nextLong(),
        r.nextLong(),
        r.nextLong());
  }

  private static MessageFlags messageFlags(Random r) {
    return new MessageFlags(r.nextLong(), flags(r), r.nextLong());
  }

  private static MessageMeta meta(Random r) {
    return new MessageMeta(
        r.nextLong(),
        r.nextLong(),
        flags(r),
        r.nextBoolean() ? instant(r) : null,
        r.nextLong(),
        nullableText(r),
        nullableText(r),
        nullableText(r),
        nullableText(r),
        r.nextLong(),
        r.nextBoolean() ? instant(r) : null);
  }

  private static LocalDate date(Random r) {
    return LocalDate.ofEpochDay(r.nextInt(40_000));
  }

  private static SearchQuery query(Random r, int depth) {
    int kind = r.nextInt(depth > 0 ? 17 : 14);
    switch (kind) {
      case 0:
        return new SearchQuery.All();
      case 1:
        return new SearchQuery.Uids(uids(r));
      case 2:
        return new SearchQuery.Flag(pick(r, SystemFlag.values()), r.nextBoolean());
      case 3:
        return new SearchQuery.Keyword(text(r), r.nextBoolean());
      case 4:
        return new SearchQuery.Header(text(r), text(r));
      case 5:
        return new SearchQuery.Body(text(r));
      case 6:
        return new SearchQuery.Text(text(r));
      case 7:
        return new SearchQuery.Regex(pick(r, SearchQuery.RegexTarget.values()), text(r), text(r));
      case 8:
        return new SearchQuery.InternalDate(pick(r, SearchQuery.DateRelation.values()), date(r));
      case 9:
        return new SearchQuery.SentDate(pick(r, SearchQuery.DateRelation.values()), date(r));
      case 10:
        return new SearchQuery.SaveDate(pick(r, SearchQuery.DateRelation.values()), date(r));
      case 11:
        return new SearchQuery.EmailId(r.nextLong());
      case 12:
        return new SearchQuery.Size(r.nextBoolean(), r.nextLong());
      case 13:
        return new SearchQuery.ModSeq(r.nextLong());
      case 14:
        return new SearchQuery.Not(query(r, depth - 1));
      case 15:
        return new SearchQuery.And(list(r, x -> query(x, depth - 1)));
      default:
        return new SearchQuery.Or(list(r, x -> query(x, depth - 1)));
    }
  }

  private static MessageThread thread(Random r, int depth) {
    return new MessageThread(
        r.nextInt(5) == 0 ? 0 : r.nextLong(),
        depth == 0 ? List.of() : list(r, x -> thread(x, depth - 1)));
  }

  private static VaultEvent event(Random r) {
    switch (r.nextInt(8)) {
      case 0:
        return new VaultEvent.MessagesAdded(text(r), r.nextLong(), longs(r), r.nextLong());
      case 1:
        return new VaultEvent.FlagsChanged(
            text(r), list(r, WireCodecTest::messageFlags), r.nextLong());
      case 2:
        return new VaultEvent.MessagesExpunged(text(r), longs(r), r.nextLong());
      case 3:
        return new VaultEvent.FolderCreated(text(r));
      case 4:
        return new VaultEvent.FolderDeleted(text(r));
      case 5:
        return new VaultEvent.SubscriptionChanged(text(r), r.nextBoolean());
      case 6:
        return new VaultEvent.FolderRenamed(text(r), text(r));
      default:
        return new VaultEvent.VaultReplaced();
    }
  }

  private static Map<Long, Map<String, byte[]>> sections(Random r) {
    Map<Long, Map<String, byte[]>> out = new LinkedHashMap<>();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      Map<String, byte[]> read = new LinkedHashMap<>();
      int m = r.nextInt(3);
      for (int j = 0; j < m; j++) {
        read.put("S" + j + text(r), bytes(r));
      }
      out.put(r.nextLong(), read);
    }
    return out;
  }

  private static Filing filing(Random r) {
    return new Filing(Optional.ofNullable(nullableText(r)), r.nextBoolean(), flags(r));
  }

  private static OutboundRecipient outboundRecipient(Random r) {
    Set<DsnNotify> notify =
        r.nextInt(3) == 0
            ? Set.of(DsnNotify.NEVER)
            : Set.copyOf(
                list(
                    r,
                    x ->
                        pick(
                            x,
                            new DsnNotify[] {
                              DsnNotify.SUCCESS, DsnNotify.FAILURE, DsnNotify.DELAY
                            })));
    return new OutboundRecipient(text(r), notify, Optional.ofNullable(nullableText(r)));
  }

  private static OutboundMessage outbound(Random r) {
    return new OutboundMessage(
        text(r),
        text(r),
        list1(r, WireCodecTest::outboundRecipient),
        bytes(r),
        instant(r),
        Optional.ofNullable(nullableText(r)),
        pick(r, DsnReturn.values()),
        r.nextBoolean(),
        r.nextBoolean(),
        r.nextBoolean());
  }
}
