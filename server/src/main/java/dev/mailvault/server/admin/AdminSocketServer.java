package dev.mailvault.server.admin;

import static dev.mailvault.server.admin.AdminProtocol.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailvault.server.config.ConfigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin channel of a running {@code serve} (ADR 0125): a Unix domain socket at {@code
 * <data>/admin.sock}, mode 0600, where the CLI of the same user sends one request per connection
 * ({@link AdminProtocol}). Only the owner can connect: the file mode says so, and each connection's
 * peer credentials ({@code SO_PEERCRED}) are checked against this process's user as well, since the
 * mode is set just after the socket is bound.
 */
public final class AdminSocketServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AdminSocketServer.class);

  private final Path path;
  private final ServerSocketChannel server;
  private final AdminOperations operations;
  private final ExecutorService workers;
  private final Thread acceptor;
  private volatile boolean closed;

  private AdminSocketServer(Path path, ServerSocketChannel server, AdminOperations operations) {
    this.path = path;
    this.server = server;
    this.operations = operations;
    AtomicInteger count = new AtomicInteger();
    this.workers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "mailvault-admin-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.acceptor = new Thread(this::acceptLoop, "mailvault-admin-accept");
    acceptor.setDaemon(true);
  }

  /**
   * Binds the socket and starts serving. A socket file left by a process that is gone is replaced;
   * one that answers means another server runs on this data directory, which is refused.
   */
  public static AdminSocketServer start(Path path, AdminOperations operations)
      throws ConfigException {
    if (Files.exists(path)) {
      if (AdminClient.isAnswering(path)) {
        throw new ConfigException(
            "another mailvault serve is running on this data directory (" + path + " answers)");
      }
      try {
        Files.delete(path);
      } catch (IOException e) {
        throw new ConfigException("cannot remove the stale admin socket " + path);
      }
    }
    try {
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(path));
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
      AdminSocketServer admin = new AdminSocketServer(path, server, operations);
      admin.acceptor.start();
      return admin;
    } catch (IOException | UnsupportedOperationException e) {
      throw new ConfigException("cannot open the admin socket " + path + ": " + e.getMessage());
    }
  }

  public Path path() {
    return path;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        SocketChannel client = server.accept();
        workers.execute(() -> serve(client));
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("admin socket accept failed: {}", e.getMessage());
        }
      }
    }
  }

  private void serve(SocketChannel client) {
    try (client) {
      OutputStream out = Channels.newOutputStream(client);
      if (!sameUser(client)) {
        send(
            out,
            AdminAnswers.error("only the user running the server may use its admin socket", null));
        return;
      }
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
      String line = readLine(in);
      send(out, answer(line, progress -> send(out, progressLine(progress))));
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("admin client went away: {}", e.getMessage());
    }
  }

  /** Runs the request; every failure becomes the final error line. */
  private ObjectNode answer(String line, java.util.function.Consumer<String> progress) {
    if (line == null) {
      return AdminAnswers.error("empty or too long request", null);
    }
    JsonNode request;
    try {
      request = JSON.readTree(line);
    } catch (IOException e) {
      return AdminAnswers.error("the request is not JSON", null);
    }
    return AdminAnswers.answer(operations, request, progress);
  }

  private static String readLine(BufferedReader in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (line.length() >= AdminProtocol.MAX_REQUEST) {
        return null;
      }
      line.append((char) c);
    }
    return line.length() == 0 ? null : line.toString();
  }

  private static boolean sameUser(SocketChannel client) throws IOException {
    UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
    return peer.user().getName().equals(System.getProperty("user.name"));
  }

  private static ObjectNode progressLine(String text) {
    ObjectNode node = JSON.createObjectNode();
    node.put(AdminProtocol.PROGRESS, text);
    return node;
  }

  private static synchronized void send(OutputStream out, JsonNode line) {
    try {
      out.write(JSON.writeValueAsBytes(line));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops accepting, lets running requests end, removes the socket file. */
  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      LOG.debug("closing the admin socket: {}", e.getMessage());
    }
    workers.shutdown();
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.warn("cannot remove admin socket {}: {}", path, e.getMessage());
    }
  }
}
