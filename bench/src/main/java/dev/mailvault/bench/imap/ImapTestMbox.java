package dev.mailvault.bench.imap;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The mail of the ImapTest stress benchmark ({@code bench/imaptest-stress.sh}): writes {@code
 * --messages} {@link MixedLetters} as the mbox file ImapTest appends from ({@code mbox=}) and, with
 * {@code --port}, fills the INBOX of users {@code --first-user} .. {@code --first-user + --users -
 * 1} with the same messages over IMAP, so every server starts from the same mail:
 *
 * <pre>
 * ImapTestMbox --messages M --out FILE [--port P --users N --first-user 1 --user-pattern P
 *              --password PW --threads T]
 * </pre>
 *
 * ImapTest numbers its users from 1 ({@code user=load%d@bench.test users=20}: load1 .. load20).
 */
public final class ImapTestMbox {

  private static final long SEED = 0x1A9751L;

  private ImapTestMbox() {}

  public static void main(String[] args) throws Exception {
    LoadOptions options =
        LoadOptions.parse(
            args,
            List.of(
                "messages",
                "out",
                "host",
                "port",
                "users",
                "first-user",
                "user-pattern",
                "password",
                "threads"));
    int messages = options.integer("messages", 400);
    List<byte[]> mail = messages(messages);
    try (OutputStream out =
        new BufferedOutputStream(Files.newOutputStream(Path.of(options.text("out", "mbox"))))) {
      Mboxrd mbox = new Mboxrd(out, Instant.parse("2024-03-01T08:00:00Z"));
      for (byte[] message : mail) {
        mbox.write(message);
      }
    }
    if (options.has("port")) {
      seed(options, mail);
    }
  }

  /**
   * The first {@code count} messages, the same bytes on every call (one seed): what {@code --port}
   * seeds, and what the POP3 benchmark expects back from RETR.
   */
  public static List<byte[]> messages(int count) {
    MixedLetters letters = new MixedLetters(SEED);
    List<byte[]> mail = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      mail.add(letters.get());
    }
    return mail;
  }

  private static void seed(LoadOptions options, List<byte[]> mail) throws Exception {
    new Seeder(options.server(), options.password())
        .fillAll(
            options,
            options.integer("first-user", 1),
            options.integer("users", 20),
            mail.size(),
            user -> mail.iterator()::next,
            options.integer("threads", 4));
  }
}
