package dev.mailvault.cluster.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes to {@link RpcFrame}s and back (ADR 0276); no I/O. Layout, big-endian:
 *
 * <pre>
 * request  : 0x01 id:u64 method-len:u8 method payload...
 * response : 0x02 id:u64 payload...
 * failure  : 0x03 id:u64 kind-len:u8 kind message-len:u16 message   (0xFFFF: no message)
 * push     : 0x04 stream-len:u8 stream payload...
 * </pre>
 *
 * Names (method, stream, kind) are 1 to 255 bytes of UTF-8, a message at most {@link
 * #MAX_MESSAGE_BYTES}; every length is checked against what is left before anything is allocated.
 * The whole message is bounded by {@link #MAX_FRAME_BYTES} before it reaches the codec.
 */
final class RpcCodec {

  /** The largest WebSocket message either side accepts: a message can be large (128 MiB). */
  static final int MAX_FRAME_BYTES = 128 * 1024 * 1024;

  static final int MAX_NAME_BYTES = 255;
  static final int MAX_MESSAGE_BYTES = 2048;

  /** Bytes a frame adds around a payload at most: type, id and the longest method. */
  static final int MAX_HEADER_BYTES = 1 + 8 + 1 + MAX_NAME_BYTES;

  private static final int REQUEST = 1;
  private static final int RESPONSE = 2;
  private static final int FAILURE = 3;
  private static final int PUSH = 4;
  private static final int NO_MESSAGE = 0xFFFF;

  private RpcCodec() {}

  static ByteBuf encode(ByteBufAllocator alloc, RpcFrame frame) {
    if (frame instanceof RpcFrame.Request r) {
      byte[] method = name(r.method(), "method");
      ByteBuf out = alloc.buffer(1 + 8 + 1 + method.length + r.payload().length);
      out.writeByte(REQUEST).writeLong(r.id()).writeByte(method.length).writeBytes(method);
      return out.writeBytes(r.payload());
    }
    if (frame instanceof RpcFrame.Response r) {
      ByteBuf out = alloc.buffer(1 + 8 + r.payload().length);
      return out.writeByte(RESPONSE).writeLong(r.id()).writeBytes(r.payload());
    }
    if (frame instanceof RpcFrame.Failure f) {
      byte[] kind = name(f.kind(), "kind");
      byte[] message = f.message() == null ? null : message(f.message());
      ByteBuf out =
          alloc.buffer(1 + 8 + 1 + kind.length + 2 + (message == null ? 0 : message.length));
      out.writeByte(FAILURE).writeLong(f.id()).writeByte(kind.length).writeBytes(kind);
      if (message == null) {
        return out.writeShort(NO_MESSAGE);
      }
      return out.writeShort(message.length).writeBytes(message);
    }
    RpcFrame.Push p = (RpcFrame.Push) frame;
    byte[] stream = name(p.stream(), "stream");
    ByteBuf out = alloc.buffer(1 + 1 + stream.length + p.payload().length);
    out.writeByte(PUSH).writeByte(stream.length).writeBytes(stream);
    return out.writeBytes(p.payload());
  }

  /** Reads one whole message; {@code in} is consumed, not released. */
  static RpcFrame decode(ByteBuf in) throws RpcProtocolException {
    need(in, 1);
    int type = in.readUnsignedByte();
    switch (type) {
      case REQUEST:
        {
          need(in, 8);
          long id = in.readLong();
          String method = readName(in);
          return new RpcFrame.Request(id, method, rest(in));
        }
      case RESPONSE:
        {
          need(in, 8);
          long id = in.readLong();
          return new RpcFrame.Response(id, rest(in));
        }
      case FAILURE:
        {
          need(in, 8);
          long id = in.readLong();
          String kind = readName(in);
          need(in, 2);
          int length = in.readUnsignedShort();
          String message = null;
          if (length != NO_MESSAGE) {
            if (length > MAX_MESSAGE_BYTES) {
              throw new RpcProtocolException("failure message too long");
            }
            message = utf8(in, length);
          }
          if (in.isReadable()) {
            throw new RpcProtocolException("bytes after a failure");
          }
          return new RpcFrame.Failure(id, kind, message);
        }
      case PUSH:
        {
          String stream = readName(in);
          return new RpcFrame.Push(stream, rest(in));
        }
      default:
        throw new RpcProtocolException("unknown message type " + type);
    }
  }

  private static String readName(ByteBuf in) throws RpcProtocolException {
    need(in, 1);
    int length = in.readUnsignedByte();
    if (length == 0) {
      throw new RpcProtocolException("empty name");
    }
    return utf8(in, length);
  }

  private static String utf8(ByteBuf in, int length) throws RpcProtocolException {
    need(in, length);
    byte[] bytes = new byte[length];
    in.readBytes(bytes);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new RpcProtocolException("a name is not UTF-8");
    }
  }

  private static byte[] rest(ByteBuf in) {
    byte[] payload = new byte[in.readableBytes()];
    in.readBytes(payload);
    return payload;
  }

  private static void need(ByteBuf in, int bytes) throws RpcProtocolException {
    if (in.readableBytes() < bytes) {
      throw new RpcProtocolException("truncated message");
    }
  }

  private static byte[] name(String name, String what) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    if (bytes.length == 0 || bytes.length > MAX_NAME_BYTES) {
      throw new IllegalArgumentException("an RPC " + what + " is 1 to 255 bytes");
    }
    return bytes;
  }

  /** At most {@link #MAX_MESSAGE_BYTES}, cut at a character boundary. */
  private static byte[] message(String message) {
    String text = message;
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    while (bytes.length > MAX_MESSAGE_BYTES) {
      text = text.substring(0, text.length() / 2);
      bytes = text.getBytes(StandardCharsets.UTF_8);
    }
    return bytes;
  }
}
