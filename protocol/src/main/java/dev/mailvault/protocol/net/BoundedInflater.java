package dev.mailvault.protocol.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The client half of COMPRESS=DEFLATE (RFC 4978 §3: raw DEFLATE, RFC 1951) with a cap on how much
 * the input may expand: past {@link #MAX_RATIO} times the compressed bytes read so far (plus {@link
 * #ALLOWANCE}), the connection ends with the protocol's refusal. DEFLATE expands up to about
 * 1032:1, so without the cap a few MiB sent cost the server gigabytes of inflation (ADR 0168).
 */
final class BoundedInflater extends ByteToMessageDecoder {

  /** No mail a client uploads compresses this well; a stream of one repeated byte does. */
  static final long MAX_RATIO = 50;

  /** Inflation allowed beyond the ratio, so a short, very repetitive start is not cut off. */
  static final long ALLOWANCE = 1024 * 1024;

  private static final int OUT = 64 * 1024;

  private final Function<String, byte[]> refusal;
  private final Inflater inflater = new Inflater(true);
  private final byte[] out = new byte[OUT];
  private long compressed;
  private boolean refused;

  /**
   * @param refusal the protocol's whole line for a refused stream, given the reason
   */
  BoundedInflater(Function<String, byte[]> refusal) {
    this.refusal = refusal;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> decoded) {
    if (refused) {
      in.skipBytes(in.readableBytes());
      return;
    }
    byte[] input = new byte[in.readableBytes()];
    in.readBytes(input);
    compressed += input.length;
    inflater.setInput(input);
    try {
      while (!inflater.finished() && !inflater.needsDictionary()) {
        int n = inflater.inflate(out);
        if (n == 0) {
          return;
        }
        if (inflater.getBytesWritten() > MAX_RATIO * compressed + ALLOWANCE) {
          refuse(ctx, "Compressed input expands too much; closing the connection");
          return;
        }
        decoded.add(Unpooled.wrappedBuffer(Arrays.copyOf(out, n)));
      }
    } catch (DataFormatException e) {
      refuse(ctx, "Corrupt compressed input; closing the connection");
    }
  }

  private void refuse(ChannelHandlerContext ctx, String reason) {
    refused = true;
    // From the tail of the pipeline, so the BYE is compressed like every other response.
    ctx.channel()
        .writeAndFlush(Unpooled.wrappedBuffer(refusal.apply(reason)))
        .addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    inflater.end();
  }
}
