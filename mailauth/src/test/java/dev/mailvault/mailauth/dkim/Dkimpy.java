package dev.mailvault.mailauth.dkim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Python's dkimpy (Debian's python3-dkim, run by /usr/bin/python3) as an independent signer and
 * verifier. Messages, keys and records pass through files in a test directory.
 */
final class Dkimpy {

  private static final String VERIFY =
      """
      import sys, dkim
      msg = open(sys.argv[1], 'rb').read()
      records = {}
      for line in open(sys.argv[2]):
          name, record = line.rstrip('\\n').split(' ', 1)
          records[(name + '.').encode()] = record.encode()
      d = dkim.DKIM(msg)
      print(' '.join(str(d.verify(idx=i, dnsfunc=lambda n, timeout=5: records.get(n)))
                     for i in range(int(sys.argv[3]))))
      """;

  private static final String SIGN =
      """
      import sys, dkim
      msg = open(sys.argv[1], 'rb').read()
      key = open(sys.argv[2], 'rb').read()
      c = sys.argv[6].split('/')
      sig = dkim.sign(msg, sys.argv[3].encode(), sys.argv[4].encode(), key,
                      signature_algorithm=sys.argv[5].encode(),
                      canonicalize=(c[0].encode(), c[1].encode()),
                      length=sys.argv[7] == 'l')
      sys.stdout.buffer.write(sig + msg)
      """;

  private final Path directory;
  private int files;

  Dkimpy(Path directory) {
    this.directory = directory;
  }

  /** dkimpy's verdict on each of the first {@code count} signatures, given the TXT records. */
  List<Boolean> verify(byte[] message, Map<String, String> records, int count) throws Exception {
    StringBuilder lines = new StringBuilder();
    records.forEach((name, record) -> lines.append(name).append(' ').append(record).append('\n'));
    String out =
        new String(
            run(
                VERIFY,
                file(message),
                file(lines.toString().getBytes(StandardCharsets.US_ASCII)),
                Integer.toString(count)),
            StandardCharsets.US_ASCII);
    List<Boolean> verdicts = new ArrayList<>();
    for (String word : out.trim().split(" ")) {
      verdicts.add(Boolean.parseBoolean(word.toLowerCase(java.util.Locale.ROOT)));
    }
    return verdicts;
  }

  /**
   * {@code message} signed by dkimpy.
   *
   * @param key a PEM RSA private key, or the base64 Ed25519 seed
   * @param algorithm {@code rsa-sha256}, {@code ed25519-sha256} or {@code rsa-sha1}
   * @param canonicalization e.g. {@code relaxed/simple}
   * @param bodyLength whether to add {@code l=}
   */
  byte[] sign(
      byte[] message,
      String selector,
      String domain,
      byte[] key,
      String algorithm,
      String canonicalization,
      boolean bodyLength)
      throws Exception {
    return run(
        SIGN,
        file(message),
        file(key),
        selector,
        domain,
        algorithm,
        canonicalization,
        bodyLength ? "l" : "-");
  }

  private String file(byte[] content) throws IOException {
    Path file = directory.resolve("dkimpy-" + files++);
    Files.write(file, content);
    return file.toString();
  }

  private byte[] run(String script, String... arguments) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of("/usr/bin/python3", file(script.getBytes(StandardCharsets.US_ASCII))));
    command.addAll(List.of(arguments));
    Path errors = directory.resolve("dkimpy-errors-" + files++);
    Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("dkimpy failed: " + Files.readString(errors));
    }
    return out;
  }
}
