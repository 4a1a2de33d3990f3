package dev.mailvault.protocol.auth;

import java.net.InetAddress;

/**
 * When a protocol may take a password that is not protected by TLS (RFC 9051 §6.2.3, RFC 2595 §2.4,
 * RFC 4954 §4): over TLS, from loopback (the machine itself, or a proxy on it), or when the
 * operator allows it. IMAP, POP3 and submission ask the same question here.
 */
public final class PlaintextLogin {

  private PlaintextLogin() {}

  /**
   * @param secure whether the connection is under TLS
   * @param client the client's address
   * @param operatorAllows the protocol's setting for passwords in the clear from other hosts
   */
  public static boolean allowed(boolean secure, InetAddress client, boolean operatorAllows) {
    return secure || client.isLoopbackAddress() || operatorAllows;
  }
}
