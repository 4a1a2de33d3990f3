package dev.mailvault.server.web;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * Where an HTTP listener sends the requests it does not answer itself: the web dispatcher, told
 * whether the listener is the HTTPS one.
 */
public final class WebEntry {

  private final WebDispatcher dispatcher;
  private final boolean secure;

  public WebEntry(WebDispatcher dispatcher, boolean secure) {
    this.dispatcher = dispatcher;
    this.secure = secure;
  }

  /** Runs on the event loop; the request's buffer is released by the caller afterwards. */
  public void dispatch(ChannelHandlerContext ctx, FullHttpRequest request) {
    dispatcher.dispatch(ctx, request, secure);
  }
}
