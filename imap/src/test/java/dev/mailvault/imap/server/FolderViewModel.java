package dev.mailvault.imap.server;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one client knows of its selected folder, built only from what the server told it, as
 * ImapTest keeps it: sequence number to UID (null until a response names the UID) and the last
 * flags heard per UID. Every response is checked against it as it arrives: an EXPUNGE or FETCH for
 * a number the client cannot have, EXISTS that shrinks the folder, or a UID that contradicts an
 * earlier one is a protocol error.
 */
final class FolderViewModel {

  private static final Pattern NUMBERED =
      Pattern.compile("\\* (\\d+) (EXISTS|EXPUNGE|RECENT|FETCH)(.*)");
  private static final Pattern UID = Pattern.compile("[( ]UID (\\d+)");
  private static final Pattern FLAGS = Pattern.compile("FLAGS \\(([^)]*)\\)");

  private final String name;
  private final List<Long> uids = new ArrayList<>();
  private final Map<Long, Set<String>> flags = new HashMap<>();

  FolderViewModel(String name) {
    this.name = name;
  }

  /** Applies every untagged line of one answer, in order. */
  void applyAll(List<String> lines) {
    for (String line : lines) {
      apply(line);
    }
  }

  void apply(String line) {
    if (line.startsWith("* BYE") || line.startsWith("* BAD") || line.startsWith("* NO")) {
      fail(name + ": unexpected " + line);
    }
    Matcher numbered = NUMBERED.matcher(line);
    if (!numbered.matches()) {
      return;
    }
    int n = Integer.parseInt(numbered.group(1));
    switch (numbered.group(2)) {
      case "EXISTS" -> {
        if (n < uids.size()) {
          fail(name + ": " + line + " but the client knows " + uids.size() + " messages");
        }
        while (uids.size() < n) {
          uids.add(null);
        }
      }
      case "EXPUNGE" -> {
        requireKnown(n, line);
        Long gone = uids.remove(n - 1);
        if (gone != null) {
          flags.remove(gone);
        }
      }
      case "FETCH" -> fetch(n, numbered.group(3), line);
      default -> {
        // RECENT says nothing about numbers.
      }
    }
  }

  private void fetch(int n, String data, String line) {
    requireKnown(n, line);
    Long uid = uids.get(n - 1);
    Matcher uidItem = UID.matcher(data);
    if (uidItem.find()) {
      long told = Long.parseLong(uidItem.group(1));
      if (uid != null && uid != told) {
        fail(name + ": " + line + " but number " + n + " was UID " + uid);
      }
      requireOrdered(n, told, line);
      uids.set(n - 1, told);
      uid = told;
    }
    Matcher flagItem = FLAGS.matcher(data);
    if (uid != null && flagItem.find()) {
      Set<String> heard = new TreeSet<>();
      for (String flag : flagItem.group(1).split(" ")) {
        if (!flag.isEmpty() && !flag.equals("\\Recent")) {
          heard.add(flag.toLowerCase(Locale.ROOT));
        }
      }
      flags.put(uid, heard);
    }
  }

  /** RFC 9051 §2.3.1.2: sequence numbers and UIDs ascend together. */
  private void requireOrdered(int n, long uid, String line) {
    for (int i = n - 2; i >= 0; i--) {
      if (uids.get(i) != null) {
        if (uids.get(i) >= uid) {
          fail(name + ": " + line + " is not above UID " + uids.get(i) + " at " + (i + 1));
        }
        break;
      }
    }
    for (int i = n; i < uids.size(); i++) {
      if (uids.get(i) != null) {
        if (uids.get(i) <= uid) {
          fail(name + ": " + line + " is not below UID " + uids.get(i) + " at " + (i + 1));
        }
        break;
      }
    }
  }

  private void requireKnown(int n, String line) {
    if (n < 1 || n > uids.size()) {
      fail(name + ": " + line + " but the client knows " + uids.size() + " messages");
    }
  }

  /** The client silently changed these messages' flags: what it heard of them is stale. */
  void forgetFlags(List<Long> of) {
    of.forEach(flags::remove);
  }

  int exists() {
    return uids.size();
  }

  /** The UID at sequence number {@code seq}, or null when no response named it yet. */
  Long uidAt(int seq) {
    return uids.get(seq - 1);
  }

  List<Long> uids() {
    return new ArrayList<>(uids);
  }

  Map<Long, Set<String>> flags() {
    return Map.copyOf(flags);
  }

  long largestKnownUid() {
    long largest = 0;
    for (Long uid : uids) {
      if (uid != null) {
        largest = Math.max(largest, uid);
      }
    }
    return largest;
  }
}
