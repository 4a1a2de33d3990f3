package dev.mailvault.server.outbound;

/**
 * The submission port of whichever server runs now, for clients that outlive a kill: they wait
 * here, without spinning, until the test names the port of the restarted server.
 */
final class LivePort {

  private int port;

  /** The current port; blocks while no server runs. */
  synchronized int await() throws InterruptedException {
    while (port == 0) {
      wait();
    }
    return port;
  }

  /** A server listens on {@code port}. */
  synchronized void up(int port) {
    this.port = port;
    notifyAll();
  }

  /** No server runs: called before the kill, so no client retries the dead one's port. */
  synchronized void down() {
    this.port = 0;
  }
}
