package dev.mailvault.protocol.net;

import dev.mailvault.core.security.SecurityLog;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * Stands in for the session on a connection over the server's ceiling (ADR 0175): sends the
 * protocol's refusal (IMAP {@code * BYE}, RFC 9051 §7.1.5, allowed as a greeting; SMTP {@code 421},
 * RFC 5321 §3.1) and closes; what the client sends is dropped.
 */
public final class RefuseConnection extends ChannelInboundHandlerAdapter {

  private final String protocol;
  private final byte[] refusal;
  private final SecurityLog securityLog;

  /**
   * @param protocol the protocol's name in the security log ({@code imap}, {@code smtp})
   * @param refusal the whole line sent before closing, CRLF included
   */
  public RefuseConnection(String protocol, byte[] refusal, SecurityLog securityLog) {
    this.protocol = protocol;
    this.refusal = refusal.clone();
    this.securityLog = securityLog;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote) {
      securityLog.connectionRefused(protocol, remote.getAddress(), "server-limit");
    }
    ctx.writeAndFlush(Unpooled.wrappedBuffer(refusal)).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ReferenceCountUtil.release(msg);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
