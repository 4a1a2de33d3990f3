package dev.mailvault.server;

import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Locale;

/**
 * Tries every listener's port before the node opens anything, so that a port taken by another
 * program is reported by the setting that chose it ({@code port 1143 (imap.port) is in use})
 * instead of as a bare "Address already in use" from whichever listener happened to bind first.
 */
final class ListenerPorts {

  private ListenerPorts() {}

  static void requireFree(Settings settings, Setting... ports) throws ConfigException {
    String bind = settings.get(Setting.BIND);
    for (Setting setting : ports) {
      int port = settings.port(setting);
      if (port == 0) {
        continue; // the system picks a free one
      }
      try (ServerSocket probe = new ServerSocket()) {
        probe.bind(new InetSocketAddress(bind, port));
      } catch (BindException e) {
        throw new ConfigException(reason(port, setting, bind, e));
      } catch (IOException | IllegalArgumentException | SecurityException e) {
        throw new ConfigException(
            "cannot listen on " + bind + " port " + port + " (" + setting.key() + "): " + e);
      }
    }
  }

  private static String reason(int port, Setting setting, String bind, BindException e) {
    String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    if (message.contains("in use")) {
      return "port " + port + " (" + setting.key() + ") is in use";
    }
    if (message.contains("permission denied")) {
      return "port "
          + port
          + " ("
          + setting.key()
          + "): permission denied (ports below 1024 need"
          + " privileges)";
    }
    return "cannot listen on "
        + bind
        + " port "
        + port
        + " ("
        + setting.key()
        + "): "
        + e.getMessage();
  }
}
