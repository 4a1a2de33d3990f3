package dev.mailvault.server.web.autoconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads a property list with Python's {@code plistlib} (a real plist reader, independent of ours)
 * and hands it back as JSON.
 */
final class Plist {

  private static final String READER =
      "import json, plistlib, sys\n"
          + "with open(sys.argv[1], 'rb') as f:\n"
          + "    p = plistlib.load(f)\n"
          + "print(json.dumps(p))\n";

  private Plist() {}

  static boolean available() {
    return Files.isExecutable(Path.of("/usr/bin/python3"));
  }

  static JsonNode read(byte[] plist, Path work) throws Exception {
    Path file = Files.createTempFile(work, "profile", ".mobileconfig");
    Files.write(file, plist);
    Process process =
        new ProcessBuilder(List.of("/usr/bin/python3", "-c", READER, file.toString()))
            .redirectErrorStream(true)
            .start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError("plistlib refused the profile: " + new String(out));
    }
    return new ObjectMapper().readTree(out);
  }
}
