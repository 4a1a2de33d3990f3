package dev.mailvault.server.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGHUP reloads the TLS certificate, as it does for Postfix, Dovecot and nginx. {@code sun.misc}
 * is the only signal API Java has; it is exported by {@code jdk.unsupported} for this purpose. The
 * JVM's own SIGHUP handling (shutdown hooks) is replaced, so a hang-up no longer stops the server.
 */
public final class HangupSignal {

  private static final Logger LOG = LoggerFactory.getLogger(HangupSignal.class);

  private HangupSignal() {}

  /**
   * Runs {@code action} on every SIGHUP until the returned handle is closed.
   *
   * @return restores the previous handler; a no-op when the platform has no SIGHUP
   */
  public static AutoCloseable onHangup(Runnable action) {
    Signal hup;
    try {
      hup = new Signal("HUP");
    } catch (IllegalArgumentException e) {
      LOG.info("no SIGHUP on this platform; certificate files are still reloaded when they change");
      return () -> {};
    }
    SignalHandler previous;
    try {
      previous =
          Signal.handle(
              hup,
              signal -> {
                LOG.info("SIGHUP: reloading the TLS certificate");
                action.run();
              });
    } catch (IllegalArgumentException e) {
      // -Xrs, or the signal is reserved by the VM: files are still polled.
      LOG.warn(
          "cannot handle SIGHUP ({}); certificate files are still reloaded when they change",
          e.getMessage());
      return () -> {};
    }
    return () -> Signal.handle(hup, previous);
  }
}
