package dev.mailvault.core.mime;

import java.util.ArrayList;
import java.util.List;

/** A part while the message is being scanned; turned into a {@link MimePart} at the end. */
final class PartNode {

  final PartNode parent;
  final int depth;
  final int headerStart;
  int bodyStart;
  int end = -1;
  List<HeaderField> fields = List.of();
  ContentFields content = ContentFields.NONE;
  boolean multipart;
  boolean digest;
  boolean rfc822;
  final List<PartNode> children = new ArrayList<>(2);
  PartNode message;

  PartNode(PartNode parent, int headerStart) {
    this.parent = parent;
    this.depth = parent == null ? 0 : parent.depth + 1;
    this.headerStart = headerStart;
  }

  boolean isOpen() {
    return end < 0;
  }
}
