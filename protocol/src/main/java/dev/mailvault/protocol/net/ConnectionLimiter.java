package dev.mailvault.protocol.net;

import dev.mailvault.core.net.ClientNetwork;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts open connections per client network ({@link ClientNetwork}: an IPv6 client's /64) and
 * refuses those over the limit (DESIGN §7, ADR 0170).
 */
public final class ConnectionLimiter {

  private final int perAddress;
  private final Map<ClientNetwork, Integer> open = new ConcurrentHashMap<>();

  public ConnectionLimiter(int perAddress) {
    this.perAddress = perAddress;
  }

  /** Takes a slot for {@code address}; false when it has all it may have. */
  public boolean acquire(InetAddress address) {
    boolean[] granted = {false};
    open.compute(
        ClientNetwork.of(address),
        (key, count) -> {
          int now = count == null ? 0 : count;
          if (now >= perAddress) {
            return count;
          }
          granted[0] = true;
          return now + 1;
        });
    return granted[0];
  }

  public void release(InetAddress address) {
    open.computeIfPresent(ClientNetwork.of(address), (key, count) -> count <= 1 ? null : count - 1);
  }
}
