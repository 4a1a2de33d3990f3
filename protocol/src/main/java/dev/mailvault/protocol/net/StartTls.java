package dev.mailvault.protocol.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/**
 * Turns a plaintext connection into a TLS one after the protocol's "go ahead" (IMAP STARTTLS, RFC
 * 9051 §6.2.1; SMTP STARTTLS, RFC 3207; POP3 STLS, RFC 2595 §4). The protocol first discards what
 * the client sent before the handshake (nothing sent in the clear is obeyed after it, RFC 3207
 * §4.2), then calls {@link #upgrade} on the event loop.
 */
public final class StartTls {

  /** The TLS handler's name in every pipeline, implicit or upgraded. */
  public static final String HANDLER = "tls";

  private StartTls() {}

  /**
   * Must run on the channel's event loop. Sends {@code goAhead} in the clear, then expects the
   * client's handshake.
   */
  public static void upgrade(Channel channel, SslContext tls, byte[] goAhead) {
    // startTls=true lets the go-ahead leave in the clear before the handshake.
    channel.pipeline().addFirst(HANDLER, new SslHandler(tls.newEngine(channel.alloc()), true));
    channel.writeAndFlush(Unpooled.wrappedBuffer(goAhead));
  }
}
