package dev.mailvault.core.sieve;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The Sieve engine runs on the MX while a message is in memory (ADR 0236): it does no I/O, starts
 * no threads and logs nothing, so that it can be called from any thread and fuzzed alone.
 */
class SievePurityTest {

  private static final JavaClasses SIEVE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.mailvault.core.sieve");

  @Test
  void doesNoIoStartsNoThreadsAndLogsNothing() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.io..", "java.nio.file..", "java.net..", "java.util.concurrent..", "org.slf4j..")
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(Thread.class)
        .check(SIEVE);
  }
}
