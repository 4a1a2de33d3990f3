package dev.mailvault.cluster.rpc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** The RPC message layout: each kind round-trips, and a lying length is refused, not allocated. */
class RpcCodecTest {

  private static RpcFrame roundTrip(RpcFrame frame) throws Exception {
    ByteBuf bytes = RpcCodec.encode(ByteBufAllocator.DEFAULT, frame);
    try {
      return RpcCodec.decode(bytes);
    } finally {
      bytes.release();
    }
  }

  @Test
  void everyKindOfMessageRoundTrips() throws Exception {
    RpcFrame.Request request =
        (RpcFrame.Request) roundTrip(new RpcFrame.Request(7, "fetch", "abc".getBytes(UTF_8)));
    assertThat(request.id()).isEqualTo(7);
    assertThat(request.method()).isEqualTo("fetch");
    assertThat(request.payload()).asString(UTF_8).isEqualTo("abc");

    RpcFrame.Response response =
        (RpcFrame.Response) roundTrip(new RpcFrame.Response(Long.MAX_VALUE, new byte[0]));
    assertThat(response.id()).isEqualTo(Long.MAX_VALUE);
    assertThat(response.payload()).isEmpty();

    assertThat(roundTrip(new RpcFrame.Failure(3, "busy", "no free worker")))
        .isEqualTo(new RpcFrame.Failure(3, "busy", "no free worker"));
    assertThat(roundTrip(new RpcFrame.Failure(4, "internal", null)))
        .isEqualTo(new RpcFrame.Failure(4, "internal", null));

    RpcFrame.Push push = (RpcFrame.Push) roundTrip(new RpcFrame.Push("events", new byte[] {1, 2}));
    assertThat(push.stream()).isEqualTo("events");
    assertThat(push.payload()).containsExactly(1, 2);
  }

  @Test
  void aLongFailureMessageIsCutToTheLimit() throws Exception {
    RpcFrame.Failure failure =
        (RpcFrame.Failure) roundTrip(new RpcFrame.Failure(1, "refused", "é".repeat(5000)));
    assertThat(failure.message().getBytes(UTF_8).length)
        .isLessThanOrEqualTo(RpcCodec.MAX_MESSAGE_BYTES);
    assertThat(failure.message()).startsWith("éé");
  }

  @Test
  void lengthsBeyondTheMessageAreRefused() {
    // A request whose method length says 200 bytes but 3 follow.
    ByteBuf lying =
        Unpooled.buffer().writeByte(1).writeLong(1).writeByte(200).writeBytes(new byte[3]);
    assertThatThrownBy(() -> RpcCodec.decode(lying)).isInstanceOf(RpcProtocolException.class);
    // A failure whose message length exceeds the limit.
    ByteBuf huge =
        Unpooled.buffer().writeByte(3).writeLong(1).writeByte(1).writeByte('x').writeShort(60000);
    assertThatThrownBy(() -> RpcCodec.decode(huge)).isInstanceOf(RpcProtocolException.class);
    assertThatThrownBy(() -> RpcCodec.decode(Unpooled.buffer().writeByte(9)))
        .isInstanceOf(RpcProtocolException.class);
    assertThatThrownBy(() -> RpcCodec.decode(Unpooled.buffer()))
        .isInstanceOf(RpcProtocolException.class);
    ByteBuf badUtf8 = Unpooled.buffer().writeByte(4).writeByte(1).writeByte(0xFF);
    assertThatThrownBy(() -> RpcCodec.decode(badUtf8)).isInstanceOf(RpcProtocolException.class);
  }

  @Test
  void namesOutOfBoundsAreNotEncoded() {
    assertThatThrownBy(
            () ->
                RpcCodec.encode(ByteBufAllocator.DEFAULT, new RpcFrame.Request(1, "", new byte[0])))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                RpcCodec.encode(
                    ByteBufAllocator.DEFAULT, new RpcFrame.Push("x".repeat(256), new byte[0])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void backoffDoublesToItsCeilingWithJitter() {
    Backoff backoff = new Backoff(new java.util.Random(42));
    long previousCeiling = 0;
    for (int i = 0; i < 12; i++) {
      long delay = backoff.nextMillis();
      long ceiling = Math.min(Backoff.MAX.toMillis(), Backoff.FIRST.toMillis() << i);
      assertThat(delay).isBetween(ceiling / 2, ceiling);
      previousCeiling = ceiling;
    }
    assertThat(previousCeiling).isEqualTo(Backoff.MAX.toMillis());
    backoff.reset();
    assertThat(backoff.nextMillis()).isLessThanOrEqualTo(Backoff.FIRST.toMillis());
  }
}
