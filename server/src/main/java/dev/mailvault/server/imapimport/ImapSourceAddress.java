package dev.mailvault.server.imapimport;

import dev.mailvault.core.error.MailvaultException;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The server to import from, as {@code imap://user@host[:port]} (STARTTLS) or {@code
 * imaps://user@host[:port]} (TLS from the first byte), after RFC 5092 §3 without its mailbox and
 * search parts. The user name is percent-decoded, so a login that is itself an address is written
 * {@code imap://hello%40example.com@host}; an unencoded {@code @} is accepted too, as the host
 * follows the last one. A password in the URL is refused: it would show in the process list and the
 * shell history.
 *
 * @param implicitTls true for {@code imaps}
 * @param host the host name or IP literal, without brackets
 * @param port the TCP port (default 143, or 993 for {@code imaps})
 * @param user the login, decoded
 */
public record ImapSourceAddress(boolean implicitTls, String host, int port, String user) {

  /** Parses a source URL; every mistake is one readable line. */
  public static ImapSourceAddress parse(String url) throws MailvaultException {
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0) {
      throw new MailvaultException(
          "not a source: expected imap://user@host[:port] or imaps://user@host[:port]");
    }
    String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    boolean implicitTls;
    if (scheme.equals("imaps")) {
      implicitTls = true;
    } else if (scheme.equals("imap")) {
      implicitTls = false;
    } else {
      throw new MailvaultException(
          "unknown scheme '" + scheme + "': expected imap:// (STARTTLS) or imaps:// (TLS)");
    }
    String authority = url.substring(schemeEnd + 3);
    int slash = authority.indexOf('/');
    if (slash >= 0) {
      if (slash != authority.length() - 1) {
        throw new MailvaultException(
            "a source URL names a server, not a folder: every folder is imported");
      }
      authority = authority.substring(0, slash);
    }
    int at = authority.lastIndexOf('@');
    if (at <= 0) {
      throw new MailvaultException("the source URL has no user name: imap://user@host");
    }
    String userInfo = authority.substring(0, at);
    if (userInfo.indexOf(':') >= 0) {
      throw new MailvaultException(
          "do not put the password in the source URL; it is asked for (or read with"
              + " --password-stdin)");
    }
    if (userInfo.indexOf(';') >= 0) {
      throw new MailvaultException("the source URL's ;AUTH= part is not supported");
    }
    String user = percentDecode(userInfo);
    String hostPort = authority.substring(at + 1);
    String host;
    String portText = null;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw new MailvaultException("the source URL has an unclosed IPv6 literal");
      }
      host = hostPort.substring(1, close);
      String rest = hostPort.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new MailvaultException("the source URL has text after the IPv6 literal");
        }
        portText = rest.substring(1);
      }
    } else {
      int colon = hostPort.lastIndexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      portText = colon < 0 ? null : hostPort.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw new MailvaultException("the source URL has no host: imap://user@host");
    }
    int port = implicitTls ? 993 : 143;
    if (portText != null) {
      try {
        port = Integer.parseInt(portText);
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65535) {
        throw new MailvaultException("the source URL's port is not a number from 1 to 65535");
      }
    }
    return new ImapSourceAddress(implicitTls, host, port, user);
  }

  /**
   * Whether the host is this machine, where a login without TLS crosses no network: a name that
   * resolves only to loopback addresses, such as {@code localhost} or {@code 127.0.0.1}.
   */
  public boolean isLoopback() {
    try {
      InetAddress[] addresses = InetAddress.getAllByName(host);
      for (InetAddress address : addresses) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return addresses.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The URL again, for messages: no password is ever part of it. */
  @Override
  public String toString() {
    String shownHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return (implicitTls ? "imaps" : "imap") + "://" + user + "@" + shownHost + ":" + port;
  }

  // RFC 3986 §2.1: percent-encoded octets, here of a UTF-8 user name.
  private static String percentDecode(String text) throws MailvaultException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()) {
          throw new MailvaultException("the source URL's user name has a broken %-escape");
        }
        int high = Character.digit(text.charAt(i + 1), 16);
        int low = Character.digit(text.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          throw new MailvaultException("the source URL's user name has a broken %-escape");
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else {
        int codePoint = text.codePointAt(i);
        byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
        i += Character.charCount(codePoint) - 1;
      }
    }
    String user = bytes.toString(StandardCharsets.UTF_8);
    if (user.isEmpty()) {
      throw new MailvaultException("the source URL has no user name: imap://user@host");
    }
    return user;
  }
}
