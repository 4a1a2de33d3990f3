package dev.mailvault.core.mime;

/** Parses a raw message once into its stored form. Never throws on malformed input. */
public final class MessageParser {

  private MessageParser() {}

  /** Parses {@code raw}, which is kept byte-exact by the caller; offsets refer to it. */
  public static ParsedMessage parse(byte[] raw) {
    throw new UnsupportedOperationException("being written on branch mime");
  }
}
