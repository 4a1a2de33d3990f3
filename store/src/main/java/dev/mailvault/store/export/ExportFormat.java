package dev.mailvault.store.export;

import java.util.Arrays;
import java.util.Optional;

/** The formats a vault can be exported to, by the name the CLI takes. */
public enum ExportFormat {
  /** One mboxrd file (docs/adr/0136-mbox-export-format.md). */
  MBOX("mbox"),
  /** A zip of one .eml per message plus a JSON manifest of flags and dates. */
  EML_ZIP("eml-zip"),
  /** A standalone SQLite3MultipleCiphers file keyed by the password (ADR 0137). */
  SQLITE("sqlite");

  private final String cliName;

  ExportFormat(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  public static Optional<ExportFormat> byName(String name) {
    return Arrays.stream(values()).filter(f -> f.cliName.equals(name)).findFirst();
  }
}
