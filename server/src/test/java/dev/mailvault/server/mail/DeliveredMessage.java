package dev.mailvault.server.mail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A message as a mailbox holds it after the MX: the {@code Return-Path} field, its {@code
 * Authentication-Results} (ADR 0206) and its {@code Received} field it prepended (RFC 5321 §4.4),
 * then the bytes the client sent.
 */
record DeliveredMessage(
    String returnPath, String authenticationResults, String received, byte[] original) {

  private static final String AUTHENTICATION_RESULTS = "Authentication-Results: ";

  /** Splits off the fields the MX added; fails when the message does not start with them. */
  static DeliveredMessage of(byte[] delivered) {
    int first = fieldEnd(delivered, 0);
    int results = first;
    if (new String(delivered, first, Math.min(delivered.length - first, 64), StandardCharsets.UTF_8)
        .startsWith(AUTHENTICATION_RESULTS)) {
      results = fieldEnd(delivered, first);
    }
    int second = fieldEnd(delivered, results);
    String returnPath = new String(delivered, 0, first, StandardCharsets.UTF_8);
    String authenticationResults =
        new String(delivered, first, results - first, StandardCharsets.UTF_8);
    String received = new String(delivered, results, second - results, StandardCharsets.UTF_8);
    if (!returnPath.startsWith("Return-Path: ") || !received.startsWith("Received: ")) {
      throw new IllegalArgumentException(
          "no trace fields at the top: "
              + new String(delivered, 0, Math.min(200, delivered.length), StandardCharsets.UTF_8));
    }
    return new DeliveredMessage(
        returnPath,
        authenticationResults,
        received,
        Arrays.copyOfRange(delivered, second, delivered.length));
  }

  /** The end of the header field starting at {@code from}: past its CRLF and continuation lines. */
  private static int fieldEnd(byte[] bytes, int from) {
    int i = from;
    while (true) {
      while (i + 1 < bytes.length && !(bytes[i] == '\r' && bytes[i + 1] == '\n')) {
        i++;
      }
      if (i + 1 >= bytes.length) {
        return bytes.length;
      }
      i += 2;
      // RFC 5322 §2.2.3: a line starting with WSP continues the field.
      if (i >= bytes.length || (bytes[i] != ' ' && bytes[i] != '\t')) {
        return i;
      }
    }
  }
}
