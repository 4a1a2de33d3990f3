package dev.mailvault.mailauth.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrganizationalDomainTest {

  @TempDir Path work;

  @Test
  void appliesNormalWildcardExceptionAndImplicitRules() throws Exception {
    Path list = work.resolve("psl.dat");
    Files.write(list, List.of("// comment", "com", "co.uk", "uk", "*.ck", "!www.ck", ""));
    OrganizationalDomain org = new OrganizationalDomain(list);
    assertThat(org.usesList()).isTrue();
    assertThat(org.of("mail.news.example.com")).isEqualTo("example.com");
    assertThat(org.of("a.b.example.co.uk")).isEqualTo("example.co.uk");
    assertThat(org.of("x.shop.ck")).isEqualTo("x.shop.ck");
    assertThat(org.of("a.www.ck")).isEqualTo("www.ck");
    // The implicit "*" rule: an unlisted top-level domain is a public suffix.
    assertThat(org.of("news.org1.test")).isEqualTo("org1.test");
    assertThat(org.of("Example.COM.")).isEqualTo("example.com");
  }

  @Test
  void fallsBackToTheLastTwoLabelsWithoutAList() {
    OrganizationalDomain org = new OrganizationalDomain(work.resolve("missing.dat"));
    assertThat(org.usesList()).isFalse();
    assertThat(org.of("a.b.example.co.uk")).isEqualTo("co.uk");
    assertThat(org.of("news.example.com")).isEqualTo("example.com");
  }

  @Test
  void readsDebiansList() {
    OrganizationalDomain org = new OrganizationalDomain(OrganizationalDomain.DEBIAN_LIST);
    if (org.usesList()) {
      assertThat(org.of("a.b.example.co.uk")).isEqualTo("example.co.uk");
    }
  }
}
