package dev.mailvault.server.admin;

import static dev.mailvault.server.admin.AdminProtocol.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailvault.core.error.MailvaultException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The CLI's side of the admin socket ({@link AdminProtocol}): one request per connection. */
public final class AdminClient implements AdminCalls {

  private final Path socket;

  private AdminClient(Path socket) {
    this.socket = socket;
  }

  /** A client when a server answers on {@code socket}; empty when none runs. */
  public static Optional<AdminClient> ifRunning(Path socket) {
    return isAnswering(socket) ? Optional.of(new AdminClient(socket)) : Optional.empty();
  }

  static boolean isAnswering(Path socket) {
    if (!Files.exists(socket)) {
      return false;
    }
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      return channel.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Runs operation {@code op} in the server, passing each progress line to {@code progress}.
   *
   * @return the result object
   * @throws AdminException with the server's message and code when it answers with an error
   */
  @Override
  public JsonNode call(String op, Map<String, ?> args, Consumer<String> progress)
      throws MailvaultException {
    ObjectNode request = AdminAnswers.request(op, args);
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      OutputStream out = Channels.newOutputStream(channel);
      out.write(JSON.writeValueAsBytes(request));
      out.write('\n');
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        JsonNode answer = JSON.readTree(line);
        if (answer.has(AdminProtocol.PROGRESS)) {
          progress.accept(answer.get(AdminProtocol.PROGRESS).asText());
        } else if (answer.has(AdminProtocol.RESULT) || answer.has(AdminProtocol.ERROR)) {
          return AdminAnswers.result(answer);
        }
      }
      throw new MailvaultException("the server closed the admin connection without an answer");
    } catch (IOException e) {
      throw new MailvaultException("cannot talk to the running server: " + e.getMessage(), e);
    }
  }
}
