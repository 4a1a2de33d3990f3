package dev.mailvault.imap.clients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IMAP exchange as neomutt's debug log ({@code -d 5 -l file}) records it: the command lines it
 * wrote and the lines it read, in order. Pipelined commands are logged as one write whose later
 * lines carry no prefix; literal contents are logged apart and are not part of either list.
 */
final class NeomuttWire {

  private static final Pattern ENTRY = Pattern.compile("^\\[[^\\]]*\\]<[^>]*> (.*)$");
  private static final Pattern WRITE = Pattern.compile("^mutt_socket_write_d\\(\\) \\d+> (.*)$");
  private static final Pattern READ = Pattern.compile("^mutt_socket_readln_d\\(\\) \\d+< (.*)$");
  private static final Pattern TAGGED = Pattern.compile("^a\\d+ (OK|NO|BAD)");

  private final List<String> sent = new ArrayList<>();
  private final List<String> received = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private NeomuttWire() {}

  /** Reads the log neomutt wrote for {@code -l path}: it appends a 0 to the name it was given. */
  static NeomuttWire read(Path path) throws IOException {
    Path log = path.resolveSibling(path.getFileName() + "0");
    NeomuttWire wire = new NeomuttWire();
    boolean inWrite = false;
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      Matcher entry = ENTRY.matcher(line);
      if (!entry.matches()) {
        if (inWrite && !line.isEmpty()) {
          wire.sent.add(line);
        }
        continue;
      }
      String text = entry.group(1);
      Matcher write = WRITE.matcher(text);
      Matcher read = READ.matcher(text);
      inWrite = write.matches();
      if (inWrite) {
        wire.sent.add(write.group(1));
      } else if (read.matches()) {
        wire.received.add(read.group(1));
      } else {
        wire.notes.add(text);
      }
    }
    return wire;
  }

  /** Command lines, tag first, as neomutt sent them. */
  List<String> sent() {
    return sent;
  }

  /** Response lines, as neomutt read them. */
  List<String> received() {
    return received;
  }

  /** neomutt's own remarks (what it stored in its header cache, what it concluded). */
  List<String> notes() {
    return notes;
  }

  /** The untagged lines answering the command whose text (after the tag) starts with a prefix. */
  List<String> answerTo(String commandPrefix) {
    String tag = null;
    for (String line : sent) {
      int space = line.indexOf(' ');
      if (space > 0 && line.substring(space + 1).startsWith(commandPrefix)) {
        tag = line.substring(0, space);
      }
    }
    if (tag == null) {
      throw new AssertionError("neomutt never sent " + commandPrefix + "; it sent " + sent);
    }
    // The exchange is read in order and neomutt waits for each answer: the untagged lines between
    // the previous tagged completion and this command's are this command's answer.
    List<String> answer = new ArrayList<>();
    for (String line : received) {
      if (line.startsWith(tag + " ")) {
        return answer;
      }
      if (TAGGED.matcher(line).lookingAt()) {
        answer.clear(); // an earlier command's completion: what came before was its answer
      } else if (line.startsWith("* ")) {
        answer.add(line);
      }
    }
    throw new AssertionError("no completion for " + tag + " in " + received);
  }

  @Override
  public String toString() {
    return "sent " + sent + "\nreceived " + received;
  }
}
