package dev.mailvault.server.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A mail client holding an alias's vault open: Python's imaplib logs in over IMAP, selects INBOX
 * and waits until closed, so the server holds the vault open (as "back up now" needs).
 */
final class ImapHold implements AutoCloseable {

  private final Process process;

  private ImapHold(Process process) {
    this.process = process;
  }

  /** Logs in (the password goes on standard input, never on a command line) and waits for it. */
  static ImapHold open(Path scripts, int imapPort, String address, String password)
      throws Exception {
    Path script = scripts.resolve("imap-hold.py");
    Files.writeString(
        script,
        "import imaplib, sys\n"
            + "m = imaplib.IMAP4('127.0.0.1', int(sys.argv[1]))\n"
            + "m.login(sys.argv[2], sys.stdin.readline().rstrip('\\n'))\n"
            + "m.select('INBOX')\n"
            + "print('ready', flush=True)\n"
            + "sys.stdin.readline()\n"
            + "m.logout()\n");
    Process p =
        new ProcessBuilder("python3", script.toString(), String.valueOf(imapPort), address)
            .redirectErrorStream(true)
            .start();
    OutputStream in = p.getOutputStream();
    in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    ImapHold hold = new ImapHold(p);
    if (!"ready".equals(line)) {
      hold.close();
    }
    assertThat(line).as("imaplib logged in").isEqualTo("ready");
    return hold;
  }

  /** Logs out and waits for the client to end. */
  @Override
  public void close() throws Exception {
    try (OutputStream in = process.getOutputStream()) {
      in.write('\n');
    } catch (java.io.IOException gone) {
      // The client ended already.
    }
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
