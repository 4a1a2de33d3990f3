package dev.mailvault.smtp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §3 for this module, checked here too (the server module's rules see the module only once
 * it is wired): the MX and submission import core, the shared protocol runtime, the directory's API
 * and mail authentication (SPF, DKIM, DMARC: ADR 0200), never storage, JDBC, the outbound queue or
 * another protocol; the codec does no I/O and knows nothing of Netty or the session.
 */
class SmtpDependencyRulesTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.mailvault.smtp");
  }

  @Test
  void onlyCoreProtocolDirectoryMailAuthenticationNettyAndTheJdk() {
    classes()
        .that()
        .resideInAPackage("dev.mailvault.smtp..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "dev.mailvault.smtp..",
            "dev.mailvault.core..",
            "dev.mailvault.protocol..",
            "dev.mailvault.directory",
            "dev.mailvault.mailauth..",
            "io.netty..",
            "org.slf4j..",
            "java..",
            "javax.net.ssl..")
        .check(classes);
  }

  @Test
  void theDirectoryIsUsedThroughItsApiOnly() {
    noClasses()
        .that()
        .resideInAPackage("dev.mailvault.smtp..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.mailvault.directory.jdbc..", "java.sql..")
        .check(classes);
  }

  @Test
  void theCodecDoesNoIoAndKnowsNoSession() {
    noClasses()
        .that()
        .resideInAPackage("dev.mailvault.smtp.codec..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.netty..",
            "java.net..",
            "java.nio.channels..",
            "java.nio.file..",
            "dev.mailvault.smtp.session..",
            "dev.mailvault.smtp.server..",
            "dev.mailvault.protocol..")
        .check(classes);
  }
}
