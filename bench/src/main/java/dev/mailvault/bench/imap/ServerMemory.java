package dev.mailvault.bench.imap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory of a running JVM server, read from outside: the live Java heap after a full collection
 * ({@code jcmd <pid> GC.run}, then {@code GC.heap_info}), and the resident set size from {@code
 * /proc/<pid>/status}, which also covers Netty's direct buffers and thread stacks.
 */
final class ServerMemory {

  /** G1 and Parallel both print "... heap total 123456K, used 2345K ...". */
  private static final Pattern USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

  private final long pid;

  ServerMemory(long pid) {
    this.pid = pid;
  }

  /** Live heap bytes after two full collections (the second frees what finalization released). */
  long liveHeapBytes() throws IOException, InterruptedException {
    jcmd("GC.run");
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    Matcher m = USED.matcher(info);
    if (!m.find()) {
      throw new IOException("no heap figure in jcmd GC.heap_info: " + info);
    }
    return Long.parseLong(m.group(1)) * 1024;
  }

  long residentBytes() throws IOException {
    return status("VmRSS:") * 1024;
  }

  /** Threads of the server process: a thread per connection would show here. */
  long threads() throws IOException {
    return status("Threads:");
  }

  private long status(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.substring(field.length()).replaceAll("\\D", ""));
      }
    }
    throw new IOException("no " + field + " for process " + pid);
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("jcmd " + command + " failed: " + out);
    }
    return out;
  }
}
