package dev.mailvault.core.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The network a client connects from, as the limits see it (ADR 0170): an IPv4 address is its own
 * network (/32); an IPv6 address stands for its /64, because one subscriber is usually given a
 * whole /64 (RFC 6177) and can pick a fresh address in it for every connection. Counting by address
 * would hand such a client billions of fresh budgets. An IPv4-mapped IPv6 address is the IPv4
 * address it carries.
 */
public final class ClientNetwork {

  /** Bits of an IPv6 address that name the network: RFC 4291 §2.5.4 interface identifiers. */
  static final int IPV6_PREFIX = 64;

  private final byte[] prefix;
  private final String text;

  private ClientNetwork(byte[] prefix, String text) {
    this.prefix = prefix;
    this.text = text;
  }

  public static ClientNetwork of(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (address instanceof Inet6Address && isIpv4Mapped(bytes)) {
      bytes = Arrays.copyOfRange(bytes, 12, 16);
    }
    if (bytes.length == 4) {
      return new ClientNetwork(bytes, hostText(bytes) + "/32");
    }
    byte[] network = Arrays.copyOf(bytes, 16);
    Arrays.fill(network, IPV6_PREFIX / 8, 16, (byte) 0);
    return new ClientNetwork(network, hostText(network) + "/" + IPV6_PREFIX);
  }

  /** RFC 4291 §2.5.5.2: {@code ::ffff:a.b.c.d}. */
  private static boolean isIpv4Mapped(byte[] bytes) {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
  }

  private static String hostText(byte[] bytes) {
    try {
      InetAddress address =
          bytes.length == 4
              ? Inet4Address.getByAddress(bytes)
              : Inet6Address.getByAddress(null, bytes, null);
      return address.getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address", e);
    }
  }

  /**
   * The network in CIDR notation, e.g. {@code 203.0.113.9/32} or {@code 2001:db8:0:1:0:0:0:0/64}.
   */
  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientNetwork other && Arrays.equals(prefix, other.prefix);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(prefix);
  }
}
