package dev.mailvault.server.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.outbound.queue.OutboundQueue;
import dev.mailvault.outbound.queue.QueueEntry;
import dev.mailvault.outbound.queue.QueueInspector;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.OutboundKeys;
import dev.mailvault.server.admin.AdminCalls;
import dev.mailvault.server.admin.AdminClient;
import dev.mailvault.server.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outbound queue by id, destination domain, attempts, next try and last error; never a local
 * part or a byte of a message (issue 13). Entries are {@link QueueEntry#toMap()} maps, the one
 * shape the CLI, the admin socket and the API show. Three ways in: the running queue ({@link
 * #live}), a running server over its admin socket ({@link #remote}), or the sealed files when no
 * server runs ({@link #offline}).
 */
public interface QueueOperations {

  List<Map<String, Object>> list() throws MailvaultException;

  /**
   * @throws UnknownQueueItemException when no such id is queued
   */
  Map<String, Object> show(String id) throws MailvaultException;

  /** Tries the message's pending recipients now. */
  void retry(String id) throws MailvaultException;

  /** Deletes the message, without a bounce to its sender. */
  void remove(String id) throws MailvaultException;

  /** The queue this process runs: changes take effect at once. */
  static QueueOperations live(OutboundQueue queue) {
    return new Live(queue);
  }

  /** The queue of the server running on this data directory, over its admin socket. */
  static QueueOperations remote(AdminCalls server) {
    return new Remote(server);
  }

  /** The queue files, read with the queue key; only when no server runs on them. */
  static QueueOperations offline(DataLayout layout, Settings settings) {
    return new Offline(layout, settings);
  }

  /** The running server's queue when one answers on the admin socket, else the files. */
  static QueueOperations forCli(Settings settings) {
    DataLayout layout = new DataLayout(settings.dataDir());
    Optional<AdminClient> server = AdminClient.ifRunning(layout.adminSocket());
    return server.isPresent() ? remote(server.get()) : offline(layout, settings);
  }

  /** See {@link QueueOperations#live}. */
  record Live(OutboundQueue queue) implements QueueOperations {
    @Override
    public List<Map<String, Object>> list() {
      return queue.list().stream().map(QueueEntry::toMap).toList();
    }

    @Override
    public Map<String, Object> show(String id) throws MailvaultException {
      return queue.show(id).orElseThrow(() -> new UnknownQueueItemException(id)).toMap();
    }

    @Override
    public void retry(String id) throws MailvaultException {
      if (!queue.retryNow(id)) {
        throw new UnknownQueueItemException(id);
      }
    }

    @Override
    public void remove(String id) throws MailvaultException {
      if (!queue.remove(id)) {
        throw new UnknownQueueItemException(id);
      }
    }
  }

  /** See {@link QueueOperations#remote}. */
  record Remote(AdminCalls server) implements QueueOperations {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public List<Map<String, Object>> list() throws MailvaultException {
      List<Map<String, Object>> items = new ArrayList<>();
      for (JsonNode item : call("queue.list", Map.of()).path("items")) {
        items.add(map(item));
      }
      return items;
    }

    @Override
    public Map<String, Object> show(String id) throws MailvaultException {
      return map(call("queue.show", Map.of("id", id)));
    }

    @Override
    public void retry(String id) throws MailvaultException {
      call("queue.retry", Map.of("id", id));
    }

    @Override
    public void remove(String id) throws MailvaultException {
      call("queue.remove", Map.of("id", id));
    }

    private JsonNode call(String op, Map<String, ?> args) throws MailvaultException {
      return server.call(op, args, line -> {});
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode node) {
      return JSON.convertValue(node, LinkedHashMap.class);
    }
  }

  /** See {@link QueueOperations#offline}. */
  record Offline(DataLayout layout, Settings settings) implements QueueOperations {
    @Override
    public List<Map<String, Object>> list() throws MailvaultException {
      return withInspector(
          inspector -> {
            List<Map<String, Object>> items = new ArrayList<>();
            for (QueueEntry entry : inspector.list()) {
              items.add(entry.toMap());
            }
            return items;
          });
    }

    @Override
    public Map<String, Object> show(String id) throws MailvaultException {
      return withInspector(
          inspector ->
              inspector.show(id).orElseThrow(() -> new UnknownQueueItemException(id)).toMap());
    }

    @Override
    public void retry(String id) throws MailvaultException {
      withInspector(
          inspector -> {
            if (!inspector.retry(id, Instant.now())) {
              throw new UnknownQueueItemException(id);
            }
            return null;
          });
    }

    @Override
    public void remove(String id) throws MailvaultException {
      withInspector(
          inspector -> {
            if (!inspector.remove(id)) {
              throw new UnknownQueueItemException(id);
            }
            return null;
          });
    }

    private <T> T withInspector(InspectorUse<T> use) throws MailvaultException {
      if (!Files.exists(layout.outboundKey())) {
        // No key was ever made, so nothing was ever queued: a random key opens nothing.
        try (SecretBytes none = SecretBytes.random(32)) {
          return use.apply(new QueueInspector(layout.queue(), none));
        } catch (IOException e) {
          throw new MailvaultException("cannot read the queue: " + e.getMessage(), e);
        }
      }
      try (OutboundKeys keys =
              OutboundKeys.openOrCreate(
                  layout.outboundKey(),
                  layout.root(),
                  Optional.ofNullable(settings.serverKeyFile()));
          SecretBytes key = keys.queueKey()) {
        return use.apply(new QueueInspector(layout.queue(), key));
      } catch (IOException e) {
        throw new MailvaultException("cannot read the queue: " + e.getMessage(), e);
      }
    }

    @FunctionalInterface
    private interface InspectorUse<T> {
      T apply(QueueInspector inspector) throws IOException, MailvaultException;
    }
  }
}
