package dev.mailvault.server.cli;

import dev.mailvault.server.imapimport.SourceSecurity;
import picocli.CommandLine.Option;

/** The options of {@code import --from imap://...} that decide how the source is reached. */
final class ImapSourceOptions {

  @Option(
      names = "--insecure",
      description =
          "With imap:// to a server that offers no STARTTLS: send the source password without"
              + " TLS anyway (always allowed to localhost).")
  boolean insecure;

  @Option(
      names = "--trust-any-certificate",
      description =
          "Accept the source's TLS certificate without checking who signed it or its host name"
              + " (self-signed test servers).")
  boolean trustAnyCertificate;

  SourceSecurity security() {
    return new SourceSecurity(insecure, trustAnyCertificate);
  }
}
