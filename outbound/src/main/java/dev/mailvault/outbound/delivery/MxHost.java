package dev.mailvault.outbound.delivery;

import java.net.InetAddress;
import java.util.List;

/**
 * One host to try for a destination, with its addresses in the order to try them.
 *
 * @param name the host name (the MX target, or the domain itself for an implicit MX)
 * @param addresses its IPv4 and IPv6 addresses
 * @param authenticated whether the MX answer that named it was DNSSEC-validated (RFC 7672 §2.2.1)
 */
record MxHost(String name, List<InetAddress> addresses, boolean authenticated) {

  MxHost {
    addresses = List.copyOf(addresses);
  }
}
