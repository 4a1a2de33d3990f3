package dev.mailvault.server.admin;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a {@code serve} process runs on a data directory: it listens on {@code
 * <data>/admin.sock}. A socket file left by a killed server refuses connections and does not count.
 */
public final class RunningServerProbe {

  private RunningServerProbe() {}

  /** The admin socket of the data directory {@code dataDir}. */
  public static Path adminSocket(Path dataDir) {
    return dataDir.resolve("admin.sock");
  }

  /** True when something accepts connections on the data directory's admin socket. */
  public static boolean serverRunning(Path dataDir) {
    Path socket = adminSocket(dataDir);
    if (!Files.exists(socket)) {
      return false;
    }
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      return channel.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException | UnsupportedOperationException refusedOrStale) {
      return false;
    }
  }
}
