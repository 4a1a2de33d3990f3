package dev.mailvault.server.imap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.directory.testing.PostgresServer;
import dev.mailvault.server.cluster.InProcessCluster;
import java.nio.file.Path;
import java.util.Map;

/**
 * ImapTest's scripted suite, its multi-session runs and its stress mode against the second fixture
 * of issue 18: the client talks to a {@code --role frontend} node, which reaches the mailboxes on a
 * {@code --role primary} node over the cluster's WebSocket RPC, with the directory in PostgreSQL.
 */
class ClusterImapTestSuiteTest extends ImapTestSuiteTest {

  @Override
  Served serve(Path dir) throws Exception {
    assumeTrue(PostgresServer.available(), "PostgreSQL from Debian is not installed");
    Path root = dir.resolve("cluster");
    InProcessCluster cluster = InProcessCluster.start(root, "mx.example.test", Map.of());
    return new Served(
        cluster,
        cluster.frontend().imapPort(),
        cluster.primary().directory(),
        cluster.primary().vaults(),
        root.resolve("shared").resolve("spool"));
  }
}
