package dev.mailvault.protocol.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.compression.ZlibWrapper;
import java.util.function.Function;

/**
 * Starts raw DEFLATE on both directions of a connection (IMAP COMPRESS=DEFLATE, RFC 4978 §3), just
 * after TLS when there is TLS, with the inflation capped (ADR 0168).
 */
public final class Compression {

  private Compression() {}

  /**
   * Must run on the channel's event loop. {@code lastUncompressed} (the command's OK) leaves
   * uncompressed; everything after it is compressed both ways.
   *
   * @param refusal the protocol's whole line for a connection whose input inflates too much or is
   *     corrupt, given the reason
   */
  public static void start(
      Channel channel, byte[] lastUncompressed, Function<String, byte[]> refusal) {
    channel
        .writeAndFlush(Unpooled.wrappedBuffer(lastUncompressed))
        .addListener(
            (ChannelFutureListener)
                done -> {
                  var decoder = new BoundedInflater(refusal);
                  var encoder = ZlibCodecFactory.newZlibEncoder(ZlibWrapper.NONE);
                  if (channel.pipeline().get(StartTls.HANDLER) != null) {
                    channel.pipeline().addAfter(StartTls.HANDLER, "inflate", decoder);
                    channel.pipeline().addAfter("inflate", "deflate", encoder);
                  } else {
                    channel.pipeline().addFirst("deflate", encoder);
                    channel.pipeline().addFirst("inflate", decoder);
                  }
                });
  }
}
