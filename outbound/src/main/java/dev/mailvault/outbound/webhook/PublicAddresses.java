package dev.mailvault.outbound.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses a webhook may reach when {@link WebhookSettings#allowPrivateAddresses()} is off
 * (ADR 0245): only globally routable ones, so that a URL a user chose cannot make the server post
 * into its own host or network (server-side request forgery). Refused: the unspecified, loopback,
 * link-local, private (RFC 1918), shared (RFC 6598), unique-local (RFC 4193), multicast,
 * benchmarking, documentation and reserved ranges of the IANA special-purpose registries (RFC
 * 6890), and IPv6 forms that embed an IPv4 address are judged by that address.
 */
final class PublicAddresses {

  private PublicAddresses() {}

  static boolean isPublic(InetAddress address) {
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return isPublicV4(b, 0);
    }
    if (address instanceof Inet6Address) {
      return isPublicV6(b);
    }
    return false;
  }

  private static boolean isPublicV4(byte[] b, int at) {
    int a0 = b[at] & 0xff;
    int a1 = b[at + 1] & 0xff;
    int a2 = b[at + 2] & 0xff;
    return !(a0 == 0 // RFC 6890 "this network"
        || a0 == 10
        || a0 == 127
        || (a0 == 100 && (a1 & 0xc0) == 64) // RFC 6598 shared address space
        || (a0 == 169 && a1 == 254)
        || (a0 == 172 && (a1 & 0xf0) == 16)
        || (a0 == 192 && a1 == 168)
        || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) // IETF assignments, TEST-NET-1
        || (a0 == 198 && (a1 & 0xfe) == 18) // RFC 2544 benchmarking
        || (a0 == 198 && a1 == 51 && a2 == 100) // TEST-NET-2
        || (a0 == 203 && a1 == 0 && a2 == 113) // TEST-NET-3
        || a0 >= 224); // multicast, reserved, broadcast
  }

  private static boolean isPublicV6(byte[] b) {
    int first = b[0] & 0xff;
    if ((first & 0xfe) == 0xfc) {
      return false; // RFC 4193 unique local
    }
    if ((b[0] & 0xff) == 0x20
        && (b[1] & 0xff) == 0x01
        && (b[2] & 0xff) == 0x0d
        && (b[3] & 0xff) == 0xb8) {
      return false; // RFC 3849 documentation
    }
    if (zeros(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      return isPublicV4(b, 12); // RFC 4291 §2.5.5.2 IPv4-mapped
    }
    if (zeros(b, 0, 12)) {
      return false; // the deprecated IPv4-compatible form, ::, ::1
    }
    if ((b[0] & 0xff) == 0x00
        && (b[1] & 0xff) == 0x64
        && (b[2] & 0xff) == 0xff
        && (b[3] & 0xff) == 0x9b
        && zeros(b, 4, 12)) {
      return isPublicV4(b, 12); // RFC 6052 NAT64 well-known prefix
    }
    if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
      return isPublicV4(b, 2); // RFC 3056 6to4
    }
    return true;
  }

  private static boolean zeros(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
