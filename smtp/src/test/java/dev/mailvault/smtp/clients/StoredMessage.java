package dev.mailvault.smtp.clients;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads a delivered message the way a test wants it: the trace fields apart from the rest. */
final class StoredMessage {

  private StoredMessage() {}

  /** The message as the client sent it: everything after Return-Path and the MX's Received. */
  static byte[] afterTrace(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    if (!text.startsWith("Return-Path: <")) {
      throw new AssertionError("no Return-Path on top");
    }
    int at = text.indexOf("\r\n") + 2;
    if (!text.startsWith("Received: ", at)) {
      throw new AssertionError("no Received after Return-Path");
    }
    at = text.indexOf("\r\n", at) + 2;
    while (text.startsWith("\t", at)) {
      at = text.indexOf("\r\n", at) + 2;
    }
    return Arrays.copyOfRange(raw, at, raw.length);
  }

  /** The trace fields only. */
  static String trace(byte[] raw) {
    int traceLength = raw.length - afterTrace(raw).length;
    return new String(raw, 0, traceLength, StandardCharsets.ISO_8859_1);
  }

  /** Every bare LF as CRLF, as SMTP clients put text on the wire. */
  static String crlf(String text) {
    return text.replace("\r\n", "\n").replace("\n", "\r\n");
  }
}
