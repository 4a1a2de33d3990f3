package dev.mailvault.sieve;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §3 for this module: ManageSieve imports core, the shared protocol runtime and the
 * directory's API, never storage, JDBC or another protocol; the codec does no I/O and knows nothing
 * of Netty, the session or the runtime; listeners and pools come from the runtime only (ADR 0191).
 */
class SieveDependencyRulesTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.mailvault.sieve");
  }

  @Test
  void onlyCoreProtocolDirectoryNettyAndTheJdk() {
    classes()
        .that()
        .resideInAPackage("dev.mailvault.sieve..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "dev.mailvault.sieve..",
            "dev.mailvault.core..",
            "dev.mailvault.protocol..",
            "dev.mailvault.directory",
            "io.netty..",
            "org.slf4j..",
            "java..",
            "javax.net.ssl..")
        .check(classes);
  }

  @Test
  void theCodecDoesNoIoAndKnowsNoSession() {
    noClasses()
        .that()
        .resideInAPackage("dev.mailvault.sieve.codec..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.netty..",
            "java.net..",
            "java.nio.channels..",
            "java.nio.file..",
            "dev.mailvault.sieve.session..",
            "dev.mailvault.sieve.handler..",
            "dev.mailvault.sieve.server..",
            "dev.mailvault.protocol..")
        .check(classes);
  }

  @Test
  void noListenerOrPoolOfItsOwn() {
    noClasses()
        .that()
        .resideInAPackage("dev.mailvault.sieve..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.netty.bootstrap.ServerBootstrap")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.concurrent.ThreadPoolExecutor")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.concurrent.Executors")
        .check(classes);
  }
}
