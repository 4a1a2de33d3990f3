package dev.mailvault.protocol.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The PROXY protocol, v1 or v2 (haproxy.org's proxy-protocol.txt), for a server behind a proxy (ADR
 * 0173): on a connection from a trusted proxy, the header the proxy sends first names the client,
 * and that address is the connection's client address for limits, throttle, logs and trace fields.
 * Until the header is read, the handlers behind this one see nothing (not even channelActive), so
 * none of them can act on the proxy's address. Connections from anyone else are taken as they are:
 * a PROXY header from them is just bytes, never believed.
 */
public final class ProxyHeaderReader extends ChannelInboundHandlerAdapter {

  private static final AttributeKey<InetAddress> CLIENT =
      AttributeKey.valueOf(ProxyHeaderReader.class, "client");

  /** A proxy sends its header at once; a connection that does not is not from a working proxy. */
  private static final long HEADER_TIMEOUT_SECONDS = 10;

  private ScheduledFuture<?> timeout;
  private boolean active;

  /** Puts the PROXY header readers first in the pipeline when the peer is a trusted proxy. */
  public static void installIfTrusted(Channel channel, Set<InetAddress> trustedProxies) {
    if (trustedProxies.contains(peer(channel))) {
      channel.pipeline().addFirst("proxy", new ProxyHeaderReader());
      channel.pipeline().addFirst("proxy-decoder", new HAProxyMessageDecoder());
    }
  }

  /** The client's address: the one a trusted proxy named, otherwise the socket's peer. */
  public static InetAddress clientAddress(Channel channel) {
    InetAddress named = channel.attr(CLIENT).get();
    return named != null ? named : peer(channel);
  }

  private static InetAddress peer(Channel channel) {
    return ((InetSocketAddress) channel.remoteAddress()).getAddress();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    timeout = ctx.executor().schedule(() -> ctx.close(), HEADER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HAProxyMessage header)) {
      ReferenceCountUtil.release(msg);
      ctx.close();
      return;
    }
    try {
      // LOCAL is the proxy's own health check: the connection is the proxy's, its address stays.
      if (header.command() == HAProxyCommand.PROXY && header.sourceAddress() != null) {
        // A numeric address, checked by the decoder: no name look-up happens here.
        ctx.channel().attr(CLIENT).set(InetAddress.getByName(header.sourceAddress()));
      }
    } catch (UnknownHostException e) {
      ctx.close();
      return;
    } finally {
      header.release();
    }
    timeout.cancel(false);
    active = true;
    ctx.pipeline().remove(this);
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (timeout != null) {
      timeout.cancel(false);
    }
    // The handlers behind never saw the connection start; they need not see it end.
    if (active) {
      ctx.fireChannelInactive();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A malformed or missing header (HAProxyProtocolException) or any early failure: hang up.
    ctx.close();
  }
}
