package dev.mailvault.core.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses a raw message once into its stored form. Never throws on malformed input.
 *
 * <p>A hand-written byte-level scanner ({@link StructureScanner}) finds the parts and their
 * offsets; ENVELOPE and BODYSTRUCTURE are then rendered as the reference server (Dovecot 2.3)
 * renders them (ADR 0010). Sizes and line counts are those of the bytes as received, never
 * converted (ADR 0011).
 */
public final class MessageParser {

  // MimePart keeps type names short so that its serialized form stays small and bounded.
  private static final int MAX_NAME_LENGTH = 255;

  private MessageParser() {}

  /** Parses {@code raw}, which is kept byte-exact by the caller; offsets refer to it. */
  public static ParsedMessage parse(byte[] raw) {
    PartNode root = StructureScanner.scan(raw);
    StringBuilder envelope = new StringBuilder(256).append('(');
    EnvelopeData.of(raw, root.fields).write(envelope);
    envelope.append(')');
    return new ParsedMessage(
        raw.length,
        envelope.toString(),
        BodyStructureWriter.write(raw, root, false),
        BodyStructureWriter.write(raw, root, true),
        toMimePart(root),
        SummaryBuilder.build(raw, root));
  }

  private static MimePart toMimePart(PartNode node) {
    List<MimePart> children = new ArrayList<>(node.children.size());
    for (PartNode child : node.children) {
      children.add(toMimePart(child));
    }
    MimePart message = node.message == null ? null : toMimePart(node.message);
    ContentFields c = node.content;
    String type;
    String subtype;
    if (node.rfc822 && node.message != null) {
      type = "message";
      subtype = "rfc822";
    } else if (c.type == null) {
      type = "text";
      subtype = "plain";
    } else {
      type = c.type;
      subtype =
          c.subtype != null
              ? c.subtype
              : node.multipart ? "x-unknown" : c.isText() ? "plain" : "unknown";
    }
    if (node.multipart) {
      type = "multipart";
    }
    String encoding = c.transferEncoding == null ? "7bit" : c.transferEncoding;
    return new MimePart(
        node.headerStart,
        node.bodyStart,
        node.end,
        name(type),
        name(subtype),
        name(encoding),
        children,
        message);
  }

  private static String name(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    return lower.length() > MAX_NAME_LENGTH ? lower.substring(0, MAX_NAME_LENGTH) : lower;
  }
}
