package dev.mailvault.mailauth.rspamd;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The envelope and connection of one message, as rspamd's {@code /checkv2} request headers carry
 * them (rspamd's protocol documentation, "HTTP headers").
 *
 * @param client the SMTP client's address ({@code IP})
 * @param helo the HELO/EHLO name ({@code Helo})
 * @param mailFrom the reverse path without angle brackets, empty for the null path ({@code From})
 * @param rcptTo the recipients without angle brackets ({@code Rcpt}, one header each)
 * @param queueId our id of the transaction ({@code Queue-Id})
 * @param mtaName our host name ({@code MTA-Name})
 * @param tls the TLS protocol and cipher, e.g. {@code "TLSv1.3 TLS_AES_256_GCM_SHA384"}; empty
 *     without TLS ({@code TLS-Version}, {@code TLS-Cipher})
 * @param bayesUser the name of the per-user Bayes statistics ({@code Deliver-To}): an opaque id,
 *     never an address
 * @param knownResults our own SPF/DKIM/DMARC results as rspamd symbols ({@link
 *     AuthenticationSymbols}); when present rspamd inserts them and skips its own look-ups
 */
public record RspamdScan(
    InetAddress client,
    String helo,
    String mailFrom,
    List<String> rcptTo,
    String queueId,
    String mtaName,
    Optional<String> tls,
    Optional<String> bayesUser,
    List<RspamdSymbol> knownResults) {

  public RspamdScan {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(helo, "helo");
    Objects.requireNonNull(mailFrom, "mailFrom");
    rcptTo = List.copyOf(rcptTo);
    Objects.requireNonNull(queueId, "queueId");
    Objects.requireNonNull(mtaName, "mtaName");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(bayesUser, "bayesUser");
    knownResults = List.copyOf(knownResults);
  }

  @Override
  public String toString() {
    // The envelope holds addresses: never printed.
    return "RspamdScan[queueId=" + queueId + ", recipients=" + rcptTo.size() + "]";
  }
}
