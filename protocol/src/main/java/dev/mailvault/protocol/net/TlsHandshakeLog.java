package dev.mailvault.protocol.net;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per completed TLS handshake, implicit or after STARTTLS, naming what was negotiated
 * ({@link TlsSessionInfo}): {@code tls: imap peer=/203.0.113.9:50123 TLSv1.3 with cipher
 * TLS_AES_128_GCM_SHA256 group X25519MLKEM768}, as Postfix logs "TLS connection established". It
 * sits anywhere after the TLS handler in a listener's pipeline and passes every event on.
 */
@Sharable
public final class TlsHandshakeLog extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(TlsHandshakeLog.class);

  private final String protocol;

  /**
   * @param protocol the listener's protocol in the line ({@code imap}, {@code smtp}, {@code pop3})
   */
  public TlsHandshakeLog(String protocol) {
    this.protocol = protocol;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof SslHandshakeCompletionEvent done && done.isSuccess()) {
      SslHandler handler = ctx.pipeline().get(SslHandler.class);
      if (handler != null) {
        LOG.info(
            "tls: {} peer={} {}",
            protocol,
            ctx.channel().remoteAddress(),
            TlsSessionInfo.describe(handler.engine()));
      }
    }
    super.userEventTriggered(ctx, event);
  }
}
