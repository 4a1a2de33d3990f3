package dev.mailvault.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.mailauth.dkim.DkimAlgorithm;
import dev.mailvault.mailauth.dkim.DkimKeys;
import dev.mailvault.mailauth.dkim.DkimResult;
import dev.mailvault.mailauth.dkim.DkimSigner;
import dev.mailvault.mailauth.dkim.DkimSigningKey;
import dev.mailvault.mailauth.dkim.DkimStatus;
import dev.mailvault.mailauth.dkim.DkimVerifier;
import dev.mailvault.mailauth.dmarc.DmarcResult;
import dev.mailvault.mailauth.dmarc.DmarcVerifier;
import dev.mailvault.mailauth.dmarc.OrganizationalDomain;
import dev.mailvault.mailauth.spf.SpfResult;
import dev.mailvault.mailauth.spf.SpfVerifier;
import dev.mailvault.mailauth.testing.DnsmasqZone;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13's comparison table: each case is evaluated by Mailvault's SPF and DMARC and by the
 * independent Python verifiers (pyspf's {@code check2}, authheaders' {@code check_dmarc}), both
 * asking the same dnsmasq zone, and both must give the expected result.
 */
class InboundAuthComparisonTest {

  private static final String ALLOWED = "192.0.2.10";
  private static final String STRANGER = "198.51.100.7";

  @TempDir static Path work;
  private static DnsmasqZone zone;
  private static SpfVerifier spf;
  private static DmarcVerifier dmarc;
  private static Path psl;
  private static KeyPair signingKey;

  /** A {@code dkimDomain} of this form has the message really signed with d=sig.test. */
  private static final String SIGNED = "signed by sig.test";

  /** The same, with the body changed after signing: the signature fails. */
  private static final String TAMPERED = "signed by sig.test, then changed";

  @BeforeAll
  static void startZone() throws Exception {
    signingKey = DkimKeys.generate(DkimAlgorithm.RSA_SHA256);
    zone =
        new DnsmasqZone()
            .txt("pass.test", "v=spf1 ip4:192.0.2.0/24 -all")
            .txt("soft.test", "v=spf1 ip4:192.0.2.1 ~all")
            .txt("neutral.test", "v=spf1 ?all")
            .host("norecord.test", "192.0.2.10")
            .txt("two.test", "v=spf1 -all")
            .txt("two.test", "v=spf1 +all")
            .txt("syntax.test", "v=spf1 ip4:192.0.2.300 -all")
            .txt("unknown.test", "v=spf1 frob:pass.test -all")
            .txt("incl.test", "v=spf1 include:_spf.provider.test -all")
            .txt("_spf.provider.test", "v=spf1 ip4:192.0.2.0/24 -all")
            .txt("redir.test", "v=spf1 redirect=provider.test")
            .txt("provider.test", "v=spf1 a -all")
            .host("provider.test", ALLOWED)
            .txt("mx.test", "v=spf1 mx -all")
            .mx("mx.test", "mail.mx.test", 10)
            .host("mail.mx.test", ALLOWED)
            .txt("macro.test", "v=spf1 exists:%{ir}.%{v}._spf.%{d2} -all")
            .host("10.2.0.192.in-addr._spf.macro.test", "127.0.0.2")
            .txt("void.test", "v=spf1 a:n1.void.test a:n2.void.test a:n3.void.test +all")
            .txt("many.test", "v=spf1 " + "a:h.many.test ".repeat(11) + "+all")
            .host("h.many.test", "203.0.113.1")
            // DMARC: organizational records, found for subdomains through the organizational domain
            .txt("org1.test", "v=spf1 ip4:192.0.2.0/24 -all")
            .txt("_dmarc.org1.test", "v=DMARC1; p=reject")
            .txt("org2.test", "v=spf1 ip4:192.0.2.0/24 -all")
            .txt("_dmarc.org2.test", "v=DMARC1; p=reject; aspf=s")
            .txt("_dmarc.rej.test", "v=DMARC1; p=reject")
            .txt("_dmarc.quar.test", "v=DMARC1; p=quarantine")
            .txt("_dmarc.org3.test", "v=DMARC1; p=reject; sp=quarantine")
            .txt("_dmarc.dk.test", "v=DMARC1; p=reject")
            .txt("_dmarc.dks.test", "v=DMARC1; p=reject; adkim=s")
            .txt("_dmarc.mon.test", "v=DMARC1; p=none")
            .txt("_dmarc.sig.test", "v=DMARC1; p=reject")
            .txt(
                "s1._domainkey.sig.test",
                DkimKeys.txtRecord(DkimAlgorithm.RSA_SHA256, signingKey.getPublic()))
            .start(work);
    spf = new SpfVerifier(zone.client());
    // publicsuffix2 (authheaders' list reader) does not apply the list's implicit "*" rule to a
    // top-level domain the list leaves out, as "test" is: it makes "test" the organizational
    // domain of every name below it. Both sides read the list with "test" spelled out.
    psl = work.resolve("public_suffix_list.dat");
    Files.writeString(
        psl, Files.readString(OrganizationalDomain.DEBIAN_LIST) + "\n// RFC 2606\ntest\n");
    dmarc = new DmarcVerifier(zone.client(), new OrganizationalDomain(psl));
  }

  @AfterAll
  static void stopZone() throws Exception {
    zone.close();
  }

  /** One row: SPF inputs, and for DMARC the From domain and a passing DKIM d= (or null). */
  record Case(
      String name,
      String ip,
      String mailFrom,
      String helo,
      String fromDomain,
      String dkimDomain,
      String expected) {

    boolean isDmarc() {
      return fromDomain != null;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        spfCase("spf pass", ALLOWED, "a@pass.test", "pass"),
        spfCase("spf fail (-all)", STRANGER, "a@pass.test", "fail"),
        spfCase("spf softfail (~all)", STRANGER, "a@soft.test", "softfail"),
        spfCase("spf neutral (?all)", STRANGER, "a@neutral.test", "neutral"),
        spfCase("spf none (no record)", ALLOWED, "a@norecord.test", "none"),
        spfCase("spf none (no such domain)", ALLOWED, "a@missing.test", "none"),
        spfCase("spf temperror (REFUSED)", ALLOWED, "a@elsewhere.example", "temperror"),
        spfCase("spf permerror (two records)", ALLOWED, "a@two.test", "permerror"),
        spfCase("spf permerror (bad ip4)", ALLOWED, "a@syntax.test", "permerror"),
        spfCase("spf permerror (unknown mechanism)", ALLOWED, "a@unknown.test", "permerror"),
        spfCase("spf include pass", ALLOWED, "a@incl.test", "pass"),
        spfCase("spf include fail", STRANGER, "a@incl.test", "fail"),
        spfCase("spf redirect pass", ALLOWED, "a@redir.test", "pass"),
        spfCase("spf redirect fail", STRANGER, "a@redir.test", "fail"),
        spfCase("spf mx pass", ALLOWED, "a@mx.test", "pass"),
        spfCase("spf macros exists pass", ALLOWED, "a@macro.test", "pass"),
        spfCase("spf macros exists fail", STRANGER, "a@macro.test", "fail"),
        spfCase("spf void look-ups permerror", ALLOWED, "a@void.test", "permerror"),
        spfCase("spf eleven look-ups permerror", ALLOWED, "a@many.test", "permerror"),
        new Case("spf null sender uses helo", ALLOWED, "", "pass.test", null, null, "pass"),
        dmarcCase(
            "dmarc pass relaxed (subdomain From, org SPF)",
            ALLOWED,
            "b@org1.test",
            "news.org1.test",
            null,
            "pass reject"),
        dmarcCase(
            "dmarc fail strict aspf",
            ALLOWED,
            "b@org2.test",
            "news.org2.test",
            null,
            "fail reject"),
        dmarcCase("dmarc none", ALLOWED, "b@pass.test", "nodmarc.test", null, "none none"),
        dmarcCase("dmarc p=reject fail", ALLOWED, "b@pass.test", "rej.test", null, "fail reject"),
        dmarcCase(
            "dmarc p=quarantine fail",
            ALLOWED,
            "b@pass.test",
            "quar.test",
            null,
            "fail quarantine"),
        dmarcCase(
            "dmarc sp=quarantine for a subdomain",
            STRANGER,
            "b@pass.test",
            "sub.org3.test",
            null,
            "fail quarantine"),
        dmarcCase(
            "dmarc spf fail does not align",
            STRANGER,
            "b@org1.test",
            "org1.test",
            null,
            "fail reject"),
        dmarcCase("dmarc p=none fail", STRANGER, "b@pass.test", "mon.test", null, "fail none"),
        dmarcCase(
            "dmarc dkim relaxed pass",
            STRANGER,
            "b@pass.test",
            "dk.test",
            "mail.dk.test",
            "pass reject"),
        dmarcCase(
            "dmarc dkim strict fail",
            STRANGER,
            "b@pass.test",
            "dks.test",
            "mail.dks.test",
            "fail reject"),
        dmarcCase(
            "dmarc verified dkim signature aligned relaxed",
            STRANGER,
            "b@pass.test",
            "news.sig.test",
            SIGNED,
            "pass reject"),
        dmarcCase(
            "dmarc verified dkim signature not aligned",
            STRANGER,
            "b@pass.test",
            "rej.test",
            SIGNED,
            "fail reject"),
        dmarcCase(
            "dmarc broken dkim signature",
            STRANGER,
            "b@pass.test",
            "sig.test",
            TAMPERED,
            "fail reject"));
  }

  private static Case spfCase(String name, String ip, String mailFrom, String expected) {
    return new Case(name, ip, mailFrom, "client.test", null, null, expected);
  }

  private static Case dmarcCase(
      String name, String ip, String mailFrom, String from, String dkim, String expected) {
    return new Case(name, ip, mailFrom, "client.test", from, dkim, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void mailvaultAgreesWithPyspfAndAuthheaders(Case c) throws Exception {
    String ours = ours(c);
    String theirs = python(c);
    assertThat(ours).as("Mailvault").isEqualTo(c.expected());
    assertThat(theirs).as("pyspf/authheaders").isEqualTo(ours);
  }

  private static String ours(Case c) throws Exception {
    SpfResult spfResult = spf.check(InetAddress.getByName(c.ip()), c.helo(), c.mailFrom());
    if (!c.isDmarc()) {
      return spfResult.status().token();
    }
    byte[] message = message(c);
    List<DkimResult> dkim;
    if (isSigned(c)) {
      dkim = new DkimVerifier(zone.client(), Clock.systemUTC()).verify(message);
    } else if (c.dkimDomain() == null) {
      dkim = List.of();
    } else {
      dkim =
          List.of(
              new DkimResult(
                  DkimStatus.PASS, c.dkimDomain(), "s1", "ed25519-sha256", "", "abcdefgh"));
    }
    DmarcResult result = dmarc.check(message, spfResult, dkim);
    return result.status().token() + " " + result.policy().token();
  }

  private static boolean isSigned(Case c) {
    return SIGNED.equals(c.dkimDomain()) || TAMPERED.equals(c.dkimDomain());
  }

  /** The message both sides evaluate: signed by sig.test, and changed after, when asked. */
  private static byte[] message(Case c) {
    byte[] message =
        ("From: Someone <someone@" + c.fromDomain() + ">\r\nSubject: t\r\n\r\nbody\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    if (!isSigned(c)) {
      return message;
    }
    byte[] signed =
        // A fixed signing time: both sides get the very same bytes.
        new DkimSigner(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
            .sign(
                message,
                List.of(
                    new DkimSigningKey(
                        "sig.test", "s1", DkimAlgorithm.RSA_SHA256, signingKey.getPrivate())));
    if (TAMPERED.equals(c.dkimDomain())) {
      String text = new String(signed, StandardCharsets.US_ASCII);
      return text.replace("\r\nbody\r\n", "\r\nBODY\r\n").getBytes(StandardCharsets.US_ASCII);
    }
    return signed;
  }

  private static String python(Case c)
      throws IOException, InterruptedException, URISyntaxException {
    Path script = Path.of(InboundAuthComparisonTest.class.getResource("pyauth.py").toURI());
    String port = zone.server().substring(zone.server().indexOf(':') + 1);
    List<String> command =
        new ArrayList<>(List.of("/usr/bin/python3", script.toString(), port, psl.toString()));
    command.add(c.isDmarc() ? "dmarc" : "spf");
    command.addAll(List.of(c.ip(), c.mailFrom(), c.helo()));
    if (c.isDmarc()) {
      String dkim = c.dkimDomain() == null ? "-" : c.dkimDomain();
      if (isSigned(c)) {
        Path file = Files.createTempFile(work, "message", ".eml");
        Files.write(file, message(c));
        dkim = "@" + file;
      }
      command.addAll(List.of(c.fromDomain(), dkim));
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output.strip();
  }
}
