package dev.mailvault.server.web;

import dev.mailvault.cluster.rpc.RpcUnavailableException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands web requests from the event loop to a bounded pool of worker threads and writes their
 * answers back (ADR 0258). A connection has one request in flight: reading stops until its answer
 * is written, so pipelined requests are answered in order and no client queues more than one. A
 * full pool answers 503 at once.
 */
public final class WebDispatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebDispatcher.class);

  /** A streamed body is written in pieces of this size. */
  private static final int CHUNK = 64 * 1024;

  /** A client that takes longer than this to accept one piece of a download is dropped. */
  private static final long WRITE_STALL_SECONDS = 60;

  private final Routes secureRoutes;
  private final Routes plainRoutes;
  private final ThreadPoolExecutor workers;

  /**
   * @param secureRoutes what the HTTPS listener serves
   * @param plainRoutes what the HTTP listener serves
   * @param threads worker threads (blocking work: directory, vaults, backups)
   * @param queued requests waiting for a worker beyond which new ones get 503
   */
  public WebDispatcher(Routes secureRoutes, Routes plainRoutes, int threads, int queued) {
    this.secureRoutes = secureRoutes;
    this.plainRoutes = plainRoutes;
    AtomicInteger n = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queued),
            r -> {
              Thread t = new Thread(r, "web-worker-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Called on the event loop for every request that is not a built-in endpoint. */
  void dispatch(ChannelHandlerContext ctx, FullHttpRequest request, boolean secure) {
    InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
    WebRequest web = WebRequest.of(request, remote.getAddress(), secure);
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    Routes.Match match = (secure ? secureRoutes : plainRoutes).find(web.method(), web.path());
    if (!match.found()) {
      WebResponse answer =
          match.allowed().isEmpty()
              ? error(web, WebException.notFound("not found"))
              : error(web, new WebException(405, "method_not_allowed", "method not allowed"))
                  .header("Allow", String.join(", ", match.allowed()));
      write(ctx, web, answer, keepAlive);
      return;
    }
    ctx.channel().config().setAutoRead(false);
    try {
      workers.execute(
          () -> {
            WebResponse answer = run(match, web.withPathParams(match.params()));
            write(ctx, web, answer, keepAlive);
          });
    } catch (RejectedExecutionException e) {
      write(ctx, web, error(web, new WebException(503, "busy", "busy; try again")), false);
    }
  }

  private static WebResponse run(Routes.Match match, WebRequest request) {
    try {
      return match.handler().handle(request);
    } catch (WebException e) {
      return error(request, e);
    } catch (RpcUnavailableException e) {
      // A front-end whose primary is away (failing over, restarting): a temporary failure, as the
      // mail protocols answer it (NO [UNAVAILABLE], 451), never an internal error (ADR 0286).
      return error(request, WebException.unavailable())
          .header("Retry-After", String.valueOf(WebException.RETRY_AFTER_SECONDS));
    } catch (Exception | StackOverflowError e) {
      // The client learns nothing of the cause; the log has the exception's class only: a
      // message may carry an address, and a path may too, so the route's method is all we name.
      LOG.warn("web request {} failed: {}", request.method(), e.getClass().getName());
      return error(request, new WebException(500, "internal", "internal error"));
    }
  }

  /**
   * The answer to an error: JSON {@code {"error": CODE, "message": TEXT}} for the API and other
   * machine paths, a short HTML page for people.
   */
  static WebResponse error(WebRequest request, WebException e) {
    String path = request.path();
    boolean html =
        !path.startsWith("/api/")
            && request.header("Accept").map(a -> a.contains("text/html")).orElse(false);
    if (html) {
      String message = Html.escape(e.getMessage());
      return WebResponse.html(
          e.status(),
          "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
              + e.status()
              + "</title><meta name=\"viewport\" content=\"width=device-width\"></head><body><h1>"
              + message
              + "</h1><p><a href=\"/\">Home</a></p></body></html>");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", e.code());
    body.put("message", e.getMessage());
    return WebResponse.json(e.status(), body);
  }

  private void write(
      ChannelHandlerContext ctx, WebRequest request, WebResponse answer, boolean keepAlive) {
    SecurityHeaders.apply(answer, request.secure());
    boolean head = "HEAD".equals(request.method());
    boolean keep = keepAlive && answer.status() < 500;
    HttpResponseStatus status = HttpResponseStatus.valueOf(answer.status());
    ChannelFuture last;
    if (answer.body().isPresent()) {
      byte[] body = answer.body().get();
      DefaultFullHttpResponse full =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              status,
              head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
      headers(full, answer, keep);
      full.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
      last = ctx.writeAndFlush(full);
    } else {
      last = stream(ctx, answer, head, keep);
    }
    if (last == null) {
      ctx.close();
      return;
    }
    if (keep) {
      last.addListener(
          f -> {
            ctx.channel().config().setAutoRead(true);
            ctx.read();
          });
    } else {
      last.addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** Writes a streamed body from this (worker) thread; null when the client went away. */
  private static ChannelFuture stream(
      ChannelHandlerContext ctx, WebResponse answer, boolean head, boolean keep) {
    HttpResponse start = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    headers(start, answer, keep);
    if (answer.length() >= 0) {
      start.headers().set(HttpHeaderNames.CONTENT_LENGTH, answer.length());
    } else {
      HttpUtil.setTransferEncodingChunked(start, true);
    }
    ctx.writeAndFlush(start);
    if (head) {
      return ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }
    try (ChannelOutput out = new ChannelOutput(ctx)) {
      answer.stream().orElseThrow().writeTo(out);
    } catch (IOException | RuntimeException e) {
      LOG.info("download ended early: {}", e.getClass().getName());
      return null;
    }
    return ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
  }

  private static void headers(HttpResponse response, WebResponse answer, boolean keep) {
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
    for (Map.Entry<String, String> h : answer.headers()) {
      response.headers().add(h.getKey(), h.getValue());
    }
    if (keep) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    } else {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
  }

  /**
   * An output stream onto the channel: each full piece is written and waited for, so a download
   * holds at most one piece in memory, and a client that stops reading is dropped after a minute.
   */
  private static final class ChannelOutput extends OutputStream {
    private final ChannelHandlerContext ctx;
    private final byte[] buffer = new byte[CHUNK];
    private int filled;

    ChannelOutput(ChannelHandlerContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public void write(int b) throws IOException {
      if (filled == buffer.length) {
        flushPiece();
      }
      buffer[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (filled == buffer.length) {
          flushPiece();
        }
        int n = Math.min(len, buffer.length - filled);
        System.arraycopy(b, off, buffer, filled, n);
        filled += n;
        off += n;
        len -= n;
      }
    }

    private void flushPiece() throws IOException {
      if (filled == 0) {
        return;
      }
      ChannelFuture sent =
          ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(buffer, 0, filled)));
      filled = 0;
      if (!sent.awaitUninterruptibly(WRITE_STALL_SECONDS, TimeUnit.SECONDS)) {
        ctx.close();
        throw new IOException("client stopped reading");
      }
      if (!sent.isSuccess()) {
        throw new IOException("client went away: " + sent.cause());
      }
    }

    @Override
    public void close() throws IOException {
      flushPiece();
    }
  }

  /** Requests waiting for a worker now. */
  int waiting() {
    return workers.getQueue().size();
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
