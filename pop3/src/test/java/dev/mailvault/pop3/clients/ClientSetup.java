package dev.mailvault.pop3.clients;

import dev.mailvault.pop3.server.LivePop3Server;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;

/** What the real-client tests share: the messages they read and the certificate they trust. */
final class ClientSetup {

  static final String USER = "client@example.com";

  static final String FIRST = "From: a@example.org\r\nSubject: first\r\n\r\nHello.\r\n";

  /** A dot-stuffed line and a last line without a line end: both must come back byte-exact. */
  static final String SECOND =
      "From: b@example.org\r\nSubject: second\r\n\r\n.leading dot\r\n..two dots\r\nlast";

  private ClientSetup() {}

  /** An alias with {@link #FIRST} and {@link #SECOND} in INBOX. */
  static void twoMessages(LivePop3Server server) throws Exception {
    server.addAlias(USER);
    server.append(USER, FIRST, SECOND);
  }

  static byte[] bytes(String message) {
    return message.getBytes(StandardCharsets.US_ASCII);
  }

  /** The server's certificate as PEM, for clients that verify it. */
  static Path pem(Path dir) throws IOException, CertificateEncodingException {
    Path pem = dir.resolve("ca.pem");
    Files.writeString(
        pem,
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(LivePop3Server.certificate().getEncoded())
            + "\n-----END CERTIFICATE-----\n");
    return pem;
  }
}
