package dev.mailvault.imap.server;

import dev.mailvault.core.security.SecurityLog;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for the session on a connection over the server's ceiling (ADR 0175): says {@code *
 * BYE} (RFC 9051 §7.1.5, allowed as a greeting) and closes; what the client sends is dropped.
 */
final class RefuseConnection extends ChannelInboundHandlerAdapter {

  private static final byte[] BYE =
      "* BYE Too many connections; try again later\r\n".getBytes(StandardCharsets.US_ASCII);

  private final SecurityLog securityLog;

  RefuseConnection(SecurityLog securityLog) {
    this.securityLog = securityLog;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote) {
      securityLog.connectionRefused("imap", remote.getAddress(), "server-limit");
    }
    ctx.writeAndFlush(Unpooled.wrappedBuffer(BYE)).addListener(ChannelFutureListener.CLOSE);
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
