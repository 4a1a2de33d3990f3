package dev.mailvault.server.http;

import dev.mailvault.server.web.WebEntry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes HTTP requests. Runs on the event loop, so it only answers from memory. */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(HttpRequestHandler.class);

  private final HealthCheck health;
  private final HealthCheck readiness;
  private final MetricsSource metrics;
  private final WebEntry web;

  /**
   * @param readiness null when {@code /readyz} is not served
   * @param metrics null when {@code /metrics} is not served
   * @param web where every other path goes (API, pages, autoconfig); null answers 404
   */
  HttpRequestHandler(
      HealthCheck health, HealthCheck readiness, MetricsSource metrics, WebEntry web) {
    this.health = health;
    this.readiness = readiness;
    this.metrics = metrics;
    this.web = web;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (!request.decoderResult().isSuccess()) {
      respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "{\"error\":\"bad request\"}");
      return;
    }
    String path = request.uri();
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    boolean served =
        "/healthz".equals(path)
            || ("/readyz".equals(path) && readiness != null)
            || ("/metrics".equals(path) && metrics != null);
    if (!served && web != null) {
      web.dispatch(ctx, request);
    } else if (!served) {
      respond(ctx, request, HttpResponseStatus.NOT_FOUND, "{\"error\":\"not found\"}");
    } else if (!HttpMethod.GET.equals(request.method())
        && !HttpMethod.HEAD.equals(request.method())) {
      respond(
          ctx,
          request,
          HttpResponseStatus.METHOD_NOT_ALLOWED,
          "{\"error\":\"method not allowed\"}");
    } else if ("/metrics".equals(path)) {
      // Rendered from in-memory meters (NodeMetrics): no I/O on the event loop.
      respond(ctx, request, HttpResponseStatus.OK, metrics.contentType(), metrics.scrape());
    } else if ("/readyz".equals(path)) {
      answerReadiness(ctx, request);
    } else {
      String problem = health.problem();
      String warning = health.warning();
      if (problem == null && warning != null) {
        // Still serving, so 200 for load balancers; the body is for monitoring.
        respond(
            ctx,
            request,
            HttpResponseStatus.OK,
            "{\"status\":\"degraded\",\"warnings\":[" + jsonString(warning) + "]}");
      } else if (problem == null) {
        respond(ctx, request, HttpResponseStatus.OK, "{\"status\":\"ok\"}");
      } else {
        respond(
            ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, "{\"status\":\"unavailable\"}");
      }
    }
  }

  /** 200 when ready; 503 naming the parts that are not (ADR 0257), from the last check. */
  private void answerReadiness(ChannelHandlerContext ctx, FullHttpRequest request) {
    String notReady = readiness.problem();
    if (notReady == null) {
      respond(ctx, request, HttpResponseStatus.OK, "{\"status\":\"ready\"}");
      return;
    }
    StringBuilder parts = new StringBuilder();
    for (String part : notReady.split(",")) {
      parts.append(parts.length() == 0 ? "" : ",").append(jsonString(part));
    }
    respond(
        ctx,
        request,
        HttpResponseStatus.SERVICE_UNAVAILABLE,
        "{\"status\":\"not ready\",\"parts\":[" + parts + "]}");
  }

  /** A JSON string literal (RFC 8259 §7). */
  static String jsonString(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static void respond(
      ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String json) {
    respond(ctx, request, status, "application/json", json);
  }

  private static void respond(
      ChannelHandlerContext ctx,
      FullHttpRequest request,
      HttpResponseStatus status,
      String contentType,
      String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    boolean head = HttpMethod.HEAD.equals(request.method());
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            status,
            head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    boolean keepAlive = HttpUtil.isKeepAlive(request) && status.code() < 400;
    if (keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(response);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("http connection closed after an error: {}", cause.toString());
    ctx.close();
  }
}
