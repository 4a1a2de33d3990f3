package dev.mailvault.server.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolNegotiator;
import io.netty.handler.ssl.SslContext;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSessionContext;

/**
 * A server {@link SslContext} that hands every call to another one, so listeners keep the Netty
 * type while the context behind it is adjusted ({@link BouncyCastleSslContext}) or replaced ({@link
 * ReloadableSslContext}). Handlers come from {@code SslContext}'s own {@code newHandler}, which
 * wraps {@link #newEngine}; the listeners' STARTTLS calls {@code newEngine} directly.
 */
abstract class ForwardingSslContext extends SslContext {

  /** The context that makes the engines; asked once per engine, so it may change between calls. */
  abstract SslContext delegate();

  /** Adjusts a new engine before it is handed out; the default leaves it as it is. */
  SSLEngine configure(SSLEngine engine) {
    return engine;
  }

  @Override
  public final boolean isClient() {
    return false;
  }

  @Override
  public List<String> cipherSuites() {
    return delegate().cipherSuites();
  }

  @Override
  public long sessionCacheSize() {
    return delegate().sessionCacheSize();
  }

  @Override
  public long sessionTimeout() {
    return delegate().sessionTimeout();
  }

  @Override
  @SuppressWarnings("deprecation")
  public ApplicationProtocolNegotiator applicationProtocolNegotiator() {
    return delegate().applicationProtocolNegotiator();
  }

  @Override
  public SSLEngine newEngine(ByteBufAllocator alloc) {
    return configure(delegate().newEngine(alloc));
  }

  @Override
  public SSLEngine newEngine(ByteBufAllocator alloc, String peerHost, int peerPort) {
    return configure(delegate().newEngine(alloc, peerHost, peerPort));
  }

  @Override
  public SSLSessionContext sessionContext() {
    return delegate().sessionContext();
  }
}
