package dev.mailvault.bench.imap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of a server, read from {@code /proc/<pid>/stat}: user + system time of the process and
 * of every live descendant, plus the time of children that already exited and were reaped ({@code
 * cutime + cstime}). Dovecot runs one process per IMAP session and per login, and its master reaps
 * them, so the sum covers sessions that ended during the run; for the one JVM of Mailvault it is
 * that process's own time.
 */
public final class ProcessCpu {

  private final long root;
  private final double ticksPerSecond;

  public ProcessCpu(long root) {
    this.root = root;
    this.ticksPerSecond = clockTicks();
  }

  /** The CPU seconds consumed so far by the process tree. */
  public double seconds() throws IOException {
    Map<Long, long[]> all = new HashMap<>();
    Map<Long, List<Long>> children = new HashMap<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long[] stat = stat(p.resolve("stat"));
        if (stat != null) {
          long pid = Long.parseLong(name);
          all.put(pid, stat);
          children.computeIfAbsent(stat[0], k -> new ArrayList<>()).add(pid);
        }
      }
    }
    if (!all.containsKey(root)) {
      throw new IOException("no process " + root);
    }
    long ticks = 0;
    Deque<Long> todo = new ArrayDeque<>(List.of(root));
    while (!todo.isEmpty()) {
      long pid = todo.pop();
      long[] stat = all.get(pid);
      ticks += stat[1];
      todo.addAll(children.getOrDefault(pid, List.of()));
    }
    return ticks / ticksPerSecond;
  }

  /** {parent pid, utime + stime + cutime + cstime}, or null if the process is gone. */
  private static long[] stat(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      return null;
    }
    // proc(5): the command name is in parentheses and may contain spaces; fields follow it.
    String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
    long ppid = Long.parseLong(f[1]);
    long time =
        Long.parseLong(f[11])
            + Long.parseLong(f[12])
            + Long.parseLong(f[13])
            + Long.parseLong(f[14]);
    return new long[] {ppid, time};
  }

  private static double clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return Double.parseDouble(out);
    } catch (IOException | NumberFormatException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
