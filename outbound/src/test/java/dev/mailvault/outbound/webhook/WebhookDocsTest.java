package dev.mailvault.outbound.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.outbound.testing.TestCa;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python verifier that docs/webhooks.md gives receivers, run as it is written there against a
 * real post: it accepts the post and refuses the same post with one byte of the body changed.
 */
class WebhookDocsTest {

  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Path DOC = Path.of("..", "docs", "webhooks.md");

  @TempDir Path dir;

  @Test
  void theDocumentedPythonVerifierAcceptsARealPostAndRefusesATamperedOne() throws Exception {
    assumeTrue(Files.isExecutable(PYTHON), "skipped: /usr/bin/python3 is not installed");
    TestCa ca = TestCa.create("Webhook Docs CA");
    WebhookReceiver.Post post;
    try (WebhookReceiver receiver = new WebhookReceiver(ca, WebhookTransmitterTest.SECRET)) {
      FixedEndpoints endpoints = new FixedEndpoints();
      endpoints.add(
          new WebhookEndpoint(
              "t1", WebhookMessages.ALIAS, receiver.url("/"), WebhookTransmitterTest.SECRET));
      // The real clock: the verifier compares the time stamp with its own.
      new WebhookTransmitter(
              endpoints,
              new RecordingWebhookLog(),
              WebhookTransmitterTest.testSettings(),
              WebhookReceiver.trusting(ca),
              Clock.systemUTC())
          .transmit(WebhookMessages.attempt("D1", WebhookMessages.rich(), "t1"));
      post = receiver.posts.get(0);
    }
    Path body = dir.resolve("body.json");
    Files.write(body, post.body());
    byte[] tampered = post.body().clone();
    tampered[tampered.length / 2] ^= 1;
    Path tamperedBody = dir.resolve("tampered.json");
    Files.write(tamperedBody, tampered);

    assertThat(verify(post, body)).isEqualTo("True");
    assertThat(verify(post, tamperedBody)).isEqualTo("False");
  }

  private String verify(WebhookReceiver.Post post, Path body) throws Exception {
    String script =
        pythonBlock(Files.readString(DOC))
            + "\nimport sys\n"
            + "headers = {'X-Mailvault-Timestamp': sys.argv[2], 'X-Mailvault-Signature': sys.argv[3]}\n"
            + "print(verify(sys.argv[1], headers, open(sys.argv[4], 'rb').read()))\n";
    Path file = dir.resolve("verify.py");
    Files.writeString(file, script);
    Process python =
        new ProcessBuilder(
                PYTHON.toString(),
                file.toString(),
                new String(WebhookTransmitterTest.SECRET, StandardCharsets.US_ASCII),
                post.timestamp(),
                post.signature(),
                body.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out.strip();
  }

  private static String pythonBlock(String markdown) {
    int start = markdown.indexOf("```python\n");
    assertThat(start).as("docs/webhooks.md has a python block").isNotNegative();
    int end = markdown.indexOf("```", start + 10);
    return markdown.substring(start + 10, end);
  }
}
