package dev.mailvault.smtp.server;

import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.smtp.codec.SmtpReply;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * Stands in for the session on a connection over the MX's ceiling (ADR 0175): RFC 5321 §3.1 lets
 * the server answer the opening with 421 and close; a sender then retries later. What the client
 * sends is dropped.
 */
final class RefuseConnection extends ChannelInboundHandlerAdapter {

  private final byte[] reply;
  private final SecurityLog securityLog;

  RefuseConnection(String hostname, SecurityLog securityLog) {
    this.securityLog = securityLog;
    // RFC 3463 X.3.2: system not accepting network messages.
    reply =
        SmtpReply.of(421, "4.3.2", hostname + " Too many connections; try again later").encode();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote) {
      securityLog.connectionRefused("smtp", remote.getAddress(), "server-limit");
    }
    ctx.writeAndFlush(Unpooled.wrappedBuffer(reply)).addListener(ChannelFutureListener.CLOSE);
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
