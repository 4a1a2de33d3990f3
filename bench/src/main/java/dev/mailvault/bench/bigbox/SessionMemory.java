package dev.mailvault.bench.bigbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's memory as the idle-session step reads it from outside. {@code jvm}: the live Java heap
 * after two full collections ({@code jcmd GC.run}, {@code GC.heap_info}), what a JVM server's
 * sessions keep. {@code pss}: the proportional set size summed over the process and its descendants
 * ({@code /proc/PID/smaps_rollup}), for a server such as Dovecot that runs a process per session.
 */
final class SessionMemory {

  private static final Pattern USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

  private final String kind;
  private final long pid;

  SessionMemory(String kind, long pid) {
    if (!kind.equals("jvm") && !kind.equals("pss")) {
      throw new IllegalArgumentException("--memory is jvm or pss");
    }
    this.kind = kind;
    this.pid = pid;
  }

  String kind() {
    return kind.equals("jvm") ? "live heap" : "PSS";
  }

  long bytes() throws IOException, InterruptedException {
    return kind.equals("jvm") ? liveHeap() : treePss();
  }

  private long liveHeap() throws IOException, InterruptedException {
    jcmd("GC.run");
    jcmd("GC.run");
    Matcher m = USED.matcher(jcmd("GC.heap_info"));
    if (!m.find()) {
      throw new IOException("no heap figure in jcmd GC.heap_info");
    }
    return Long.parseLong(m.group(1)) * 1024;
  }

  private long treePss() throws IOException {
    long total = 0;
    Deque<Long> todo = new ArrayDeque<>();
    todo.add(pid);
    while (!todo.isEmpty()) {
      long p = todo.poll();
      try {
        total += pss(p);
        try (var tasks = Files.list(Path.of("/proc/" + p + "/task"))) {
          for (Path task : tasks.toList()) {
            for (String child : Files.readString(task.resolve("children")).trim().split("\\s+")) {
              if (!child.isEmpty()) {
                todo.add(Long.parseLong(child));
              }
            }
          }
        }
      } catch (IOException gone) {
        // the process (a login or auth helper) ended while it was read: it holds nothing now
      }
    }
    return total;
  }

  private static long pss(long p) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + p + "/smaps_rollup"))) {
      if (line.startsWith("Pss:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    return 0;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("jcmd " + command + " failed: " + text);
    }
    return text;
  }
}
