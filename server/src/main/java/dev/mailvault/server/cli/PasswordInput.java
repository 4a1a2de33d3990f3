package dev.mailvault.server.cli;

import dev.mailvault.core.error.MailvaultException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads passwords: from the terminal without echo, or one per line from standard input when the
 * command was given {@code --password-stdin} (for scripts). Passwords are returned as char arrays
 * that the caller zeroes; they are never logged.
 */
final class PasswordInput {

  private final boolean fromStdin;
  private final InputStream stdin;
  private BufferedReader lines;

  PasswordInput(boolean fromStdin, InputStream stdin) {
    this.fromStdin = fromStdin;
    this.stdin = stdin;
  }

  /** The next password: the next stdin line, or asked on the terminal with {@code prompt}. */
  char[] read(String prompt) throws MailvaultException {
    if (fromStdin) {
      try {
        if (lines == null) {
          lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        }
        String line = lines.readLine();
        if (line == null || line.isEmpty()) {
          throw new MailvaultException("expected a password on standard input");
        }
        return line.toCharArray();
      } catch (IOException e) {
        throw new MailvaultException("cannot read standard input: " + e.getMessage(), e);
      }
    }
    Console console = System.console();
    if (console == null) {
      throw new MailvaultException("no terminal to ask for the password; use --password-stdin");
    }
    char[] password = console.readPassword("%s", prompt);
    if (password == null || password.length == 0) {
      throw new MailvaultException("no password given");
    }
    return password;
  }

  /** Asks a yes/no question on the terminal; false when there is no terminal. */
  static boolean confirm(String question) {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    String answer = console.readLine("%s [y/N] ", question);
    return answer != null
        && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
  }
}
