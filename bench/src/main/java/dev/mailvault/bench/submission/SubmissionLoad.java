package dev.mailvault.bench.submission;

import dev.mailvault.bench.imap.LoadOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The submission load driver (BENCHMARKS.md, "Submission and outbound delivery"; ADR 0210). Sends
 * {@code --messages} messages of {@code --size} octets over {@code --clients} connections, one
 * message at a time per connection (MAIL, RCPT, DATA; no pipelining), and reports how many were
 * accepted with 250 and in how long:
 *
 * <pre>
 * SubmissionLoad --port P --clients 4 --messages 2000 --size 10240 --from A --to B
 *                [--user U --password PW] [--label L] [--out FILE]
 * </pre>
 *
 * With {@code --user}, each connection authenticates with AUTH PLAIN (RFC 4616) once, after EHLO,
 * as a mail client does before it sends; the servers compared listen on loopback, where Mailvault
 * allows AUTH without TLS. Every message has its own Message-ID ({@code
 * <bench-N@submission.test>}), so the receiving side can count distinct arrivals.
 */
public final class SubmissionLoad {

  private static final List<String> OPTIONS =
      List.of(
          "host",
          "port",
          "clients",
          "messages",
          "size",
          "from",
          "to",
          "user",
          "password",
          "label",
          "out");

  private SubmissionLoad() {}

  public static void main(String[] args) throws Exception {
    LoadOptions options = LoadOptions.parse(args, OPTIONS);
    int clients = options.integer("clients", 4);
    int messages = options.integer("messages", 2000);
    int size = options.integer("size", 10 * 1024);
    String from = options.text("from", "load@bench.test");
    String to = options.text("to", "sink@remote.test");
    String user = options.text("user", null);
    String password = options.text("password", null);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger accepted = new AtomicInteger();
    List<String> errors = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      Thread thread =
          new Thread(
              () -> {
                try (SmtpLine smtp = SmtpLine.connect(options.server())) {
                  smtp.expect(220, null);
                  smtp.expect(250, "EHLO bench.test");
                  if (user != null) {
                    smtp.expect(235, "AUTH PLAIN " + SmtpLine.plain(user, password));
                  }
                  for (int n = next.getAndIncrement(); n < messages; n = next.getAndIncrement()) {
                    smtp.expect(250, "MAIL FROM:<" + from + ">");
                    smtp.expect(250, "RCPT TO:<" + to + ">");
                    smtp.expect(354, "DATA");
                    smtp.sendData(Letter.of(n, from, to, size));
                    smtp.expect(250, null);
                    accepted.incrementAndGet();
                  }
                  smtp.expect(221, "QUIT");
                } catch (IOException | RuntimeException e) {
                  errors.add(e.getMessage());
                }
              },
              "submission-load-" + c);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String line =
        String.format(
            Locale.ROOT,
            "label=%s accepted=%d seconds=%.3f rate=%.1f errors=%d%s%n",
            options.text("label", "server"),
            accepted.get(),
            seconds,
            accepted.get() / seconds,
            errors.size(),
            errors.isEmpty() ? "" : " first-error=" + errors.get(0).replace(' ', '_'));
    System.out.print(line);
    if (options.has("out")) {
      Files.writeString(
          Path.of(options.text("out", null)),
          line,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
    if (!errors.isEmpty()) {
      System.exit(1);
    }
  }
}
