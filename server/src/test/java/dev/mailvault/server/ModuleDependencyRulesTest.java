package dev.mailvault.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.netty.bootstrap.ServerBootstrap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §3: arrows point at what a module may import, nothing points back up. A protocol module
 * never imports JDBC, SQLite or another protocol; store knows no protocol; core imports nothing of
 * ours. Rules for modules that do not exist yet pass vacuously and start guarding when they land.
 */
class ModuleDependencyRulesTest {

  private static final String CORE = "dev.mailvault.core..";
  private static final String STORE = "dev.mailvault.store..";
  private static final String DIRECTORY = "dev.mailvault.directory..";
  private static final String SERVER = "dev.mailvault.server..";
  private static final String CLUSTER = "dev.mailvault.cluster..";
  private static final String IMAP = "dev.mailvault.imap..";
  private static final String POP3 = "dev.mailvault.pop3..";
  private static final String SMTP = "dev.mailvault.smtp..";
  private static final String SIEVE = "dev.mailvault.sieve..";
  private static final String PROTOCOL = "dev.mailvault.protocol..";
  private static final String MAILAUTH = "dev.mailvault.mailauth..";
  private static final String OUTBOUND = "dev.mailvault.outbound..";
  private static final String[] PROTOCOLS = {IMAP, POP3, SMTP, SIEVE};
  private static final String[] DATABASES = {"java.sql..", "org.sqlite..", "org.flywaydb.."};

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.mailvault");
  }

  private static void check(ArchRule rule) {
    rule.allowEmptyShould(true).check(classes);
  }

  @Test
  void coreImportsNothingOfOurs() {
    check(
        noClasses()
            .that()
            .resideInAPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                STORE, DIRECTORY, SERVER, CLUSTER, PROTOCOL, IMAP, POP3, SMTP, SIEVE, MAILAUTH,
                OUTBOUND));
  }

  /** ADR 0256: the other modules count through core's MailMetrics; Micrometer is the server's. */
  @Test
  void onlyTheServerMetricsPackageImportsMicrometer() {
    check(
        noClasses()
            .that()
            .resideOutsideOfPackage("dev.mailvault.server.metrics..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.micrometer..", "io.prometheus.."));
  }

  @Test
  void coreTouchesNoDatabase() {
    check(
        noClasses()
            .that()
            .resideInAPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(DATABASES));
  }

  @Test
  void storeKnowsNoProtocolNorDirectory() {
    check(
        noClasses()
            .that()
            .resideInAPackage(STORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                DIRECTORY, SERVER, CLUSTER, PROTOCOL, IMAP, POP3, SMTP, SIEVE, MAILAUTH, OUTBOUND));
  }

  @Test
  void directoryImportsOnlyCore() {
    check(
        noClasses()
            .that()
            .resideInAPackage(DIRECTORY)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                STORE, SERVER, CLUSTER, IMAP, POP3, SMTP, SIEVE, MAILAUTH, OUTBOUND));
  }

  /** The shared runtime sits between core and the protocols: it knows neither them nor storage. */
  @Test
  void protocolRuntimeImportsOnlyCore() {
    check(
        noClasses()
            .that()
            .resideInAPackage(PROTOCOL)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                STORE, DIRECTORY, SERVER, CLUSTER, IMAP, POP3, SMTP, SIEVE, MAILAUTH, OUTBOUND));
    check(
        noClasses()
            .that()
            .resideInAPackage(PROTOCOL)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(DATABASES));
  }

  @Test
  void protocolsImportNoStorageNoDatabaseAndNoOtherProtocol() {
    for (String protocol : PROTOCOLS) {
      check(
          noClasses()
              .that()
              .resideInAPackage(protocol)
              .should()
              .dependOnClassesThat()
              .resideInAnyPackage(STORE, SERVER, CLUSTER));
      check(
          noClasses()
              .that()
              .resideInAPackage(protocol)
              .should()
              .dependOnClassesThat()
              .resideInAnyPackage(DATABASES));
      for (String other : PROTOCOLS) {
        if (!other.equals(protocol)) {
          check(
              noClasses()
                  .that()
                  .resideInAPackage(protocol)
                  .should()
                  .dependOnClassesThat()
                  .resideInAPackage(other));
        }
      }
    }
  }

  /**
   * ADR 0191: listeners, thread pools, executors and connection limiters come from the runtime, so
   * a protocol module that makes its own fails here (issue 12's "fourth copy").
   */
  @Test
  void protocolsBindNoListenerAndMakeNoPoolLimiterOrExecutorOfTheirOwn() {
    for (String protocol : PROTOCOLS) {
      check(
          noClasses()
              .that()
              .resideInAPackage(protocol)
              .should()
              .dependOnClassesThat()
              .belongToAnyOf(
                  ServerBootstrap.class,
                  ThreadPoolExecutor.class,
                  ScheduledThreadPoolExecutor.class,
                  ForkJoinPool.class,
                  Executors.class));
      check(noClasses().that().resideInAPackage(protocol).should().implement(Executor.class));
      check(
          noClasses()
              .that()
              .resideInAPackage(protocol)
              .should()
              .haveSimpleNameEndingWith("Limiter")
              .orShould()
              .haveSimpleNameEndingWith("Executor"));
    }
  }

  /** A codec parses and encodes bytes: it knows no session, no handler, no server and no Netty. */
  @Test
  void codecsImportNoSessionHandlerServerOrNetty() {
    check(
        noClasses()
            .that()
            .resideInAnyPackage(
                "dev.mailvault.imap.codec..",
                "dev.mailvault.pop3.codec..",
                "dev.mailvault.smtp.codec..",
                "dev.mailvault.sieve.codec..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.mailvault.*.session..",
                "dev.mailvault.*.handler..",
                "dev.mailvault.*.server..",
                "dev.mailvault.protocol..",
                "io.netty.."));
  }

  /**
   * ADR 0200: mail authentication (DNS, DKIM, SPF, DMARC) is a library on core that the MX and the
   * outbound queue both use; it knows no storage, directory, protocol or queue.
   */
  @Test
  void mailAuthenticationImportsOnlyCore() {
    check(
        noClasses()
            .that()
            .resideInAPackage(MAILAUTH)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                STORE, DIRECTORY, SERVER, CLUSTER, PROTOCOL, IMAP, POP3, SMTP, OUTBOUND));
  }

  /**
   * ADR 0200: the outbound queue delivers to other servers and hands local mail to {@code
   * LocalMailboxes}; it reaches no vault, directory or protocol module directly, and no protocol
   * module reaches it: submission knows only core's {@code Outbox}.
   */
  @Test
  void outboundImportsOnlyCoreAndMailAuthentication() {
    check(
        noClasses()
            .that()
            .resideInAPackage(OUTBOUND)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(STORE, DIRECTORY, SERVER, CLUSTER, PROTOCOL, IMAP, POP3, SMTP));
    check(
        noClasses()
            .that()
            .resideInAPackage(OUTBOUND)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(DATABASES));
    for (String protocol : PROTOCOLS) {
      check(
          noClasses()
              .that()
              .resideInAPackage(protocol)
              .should()
              .dependOnClassesThat()
              .resideInAPackage(OUTBOUND));
    }
  }

  @Test
  void clusterImportsOnlyCoreAndStore() {
    check(
        noClasses()
            .that()
            .resideInAPackage(CLUSTER)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(DIRECTORY, SERVER, IMAP, POP3, SMTP));
  }

  @Test
  void nothingImportsServer() {
    check(
        noClasses()
            .that()
            .resideOutsideOfPackage(SERVER)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(SERVER));
  }
}
