package dev.mailvault.server.dns;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.directory.DkimKeyRecord;
import dev.mailvault.directory.DkimKeyState;
import dev.mailvault.mailauth.dkim.DkimAlgorithm;
import dev.mailvault.mailauth.dkim.DkimKeys;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.xbill.DNS.Type;

/**
 * Every DNS record a domain served here needs (ADR 0207), with the MTA-STS policy file that goes
 * with them. Each record knows how to judge what DNS holds, so {@code --check} accepts a stricter
 * choice (DMARC p=reject, an SPF record with more senders) where it is as good as ours.
 *
 * @param records in the order printed
 * @param mtaStsPolicy the text to serve at {@link #mtaStsPolicyUrl()} (RFC 8461 §3.2), CRLF line
 *     ends
 * @param mtaStsPolicyUrl where
 */
public record DomainRecords(
    List<RequiredRecord> records, String mtaStsPolicy, String mtaStsPolicyUrl) {

  static final int TTL = 3600;

  /** RFC 8461 §3.2 suggests weeks: a week keeps senders' policies fresh after a change. */
  static final int MTA_STS_MAX_AGE = 604_800;

  public DomainRecords {
    records = List.copyOf(records);
  }

  /** The records of {@code domain} served by {@code host}, publishing {@code dkimKeys}. */
  public static DomainRecords of(DomainName domain, MailHost host, List<DkimKeyRecord> dkimKeys) {
    String apex = domain.value() + ".";
    String mx = host.hostname().toLowerCase(Locale.ROOT) + ".";
    List<RequiredRecord> records = new ArrayList<>();

    records.add(
        new RequiredRecord(
            "MX: mail for " + domain + " comes to this server (RFC 5321 §5.1)",
            apex,
            Type.MX,
            "10 " + mx,
            found -> anyMatches(found, f -> targetOf(f).equalsIgnoreCase(mx))));

    String spf = spf(host);
    records.add(
        new RequiredRecord(
            "SPF: only "
                + domain
                + "'s MX hosts send its mail (RFC 7208); more senders may be"
                + " added before -all",
            apex,
            Type.TXT,
            spf,
            found -> judgeSpf(found, spf)));

    for (DkimKeyRecord key : dkimKeys) {
      String txt = dkimTxt(key);
      records.add(
          new RequiredRecord(
              "DKIM: "
                  + key.algorithm()
                  + " key "
                  + key.selector()
                  + (key.state() == DkimKeyState.ACTIVE
                      ? ", signing (RFC 6376 §3.6.2)"
                      : ", retired: kept until signatures made with it have been checked"),
              key.selector() + "._domainkey." + apex,
              Type.TXT,
              txt,
              found -> judgeDkim(found, txt)));
    }

    records.add(
        new RequiredRecord(
            "DMARC: quarantine mail that fails both SPF and DKIM alignment (RFC 7489 §6.3);"
                + " p=reject is stricter, rua=mailto:... asks for aggregate reports",
            "_dmarc." + apex,
            Type.TXT,
            "v=DMARC1; p=quarantine",
            found ->
                judgeTagged(
                    found,
                    "DMARC1",
                    t -> Set.of("quarantine", "reject").contains(lower(t.get("p"))))));

    String policy = mtaStsPolicy(host);
    String id = mtaStsId(policy);
    records.add(
        new RequiredRecord(
            "MTA-STS: senders fetch the policy below over HTTPS (RFC 8461 §3.1); id changes with"
                + " it",
            "_mta-sts." + apex,
            Type.TXT,
            "v=STSv1; id=" + id,
            found -> judgeTagged(found, "STSv1", t -> id.equals(t.get("id")))));

    records.add(
        new RequiredRecord(
            "TLS-RPT: where senders report TLS failures (RFC 8460 §3)",
            "_smtp._tls." + apex,
            Type.TXT,
            "v=TLSRPTv1; rua=mailto:postmaster@" + domain,
            found ->
                judgeTagged(
                    found, "TLSRPTv1", t -> t.get("rua") != null && !t.get("rua").isEmpty())));

    MailHost.Ports ports = host.ports();
    // RFC 8314 §5.1: implicit TLS preferred (lower priority value) over STARTTLS.
    records.add(
        srv(
            "_submissions",
            0,
            ports.submissions(),
            apex,
            mx,
            "submission, implicit TLS (RFC 8314 §5.1)"));
    records.add(
        srv(
            "_submission",
            10,
            ports.submission(),
            apex,
            mx,
            "submission, STARTTLS (RFC 6186 §3.1)"));
    records.add(srv("_imaps", 0, ports.imaps(), apex, mx, "IMAP, implicit TLS (RFC 6186 §3.2)"));
    records.add(srv("_imap", 10, ports.imap(), apex, mx, "IMAP, STARTTLS (RFC 6186 §3.2)"));
    records.add(srv("_pop3s", 20, ports.pop3s(), apex, mx, "POP3, implicit TLS (RFC 6186 §3.3)"));
    records.add(srv("_pop3", 30, ports.pop3(), apex, mx, "POP3, STLS (RFC 6186 §3.3)"));
    // RFC 6186 §4's "0 0 0 ." (service not offered) is never needed: every node runs all six.

    // Client autoconfiguration (ADR 0269): Thunderbird asks http://autoconfig.DOMAIN first, Outlook
    // https://autodiscover.DOMAIN; both names only have to reach this node's web listeners.
    records.add(
        hostHint(
            "autoconfig." + apex,
            mx,
            "Thunderbird, Evolution, KMail, K-9 autoconfiguration (an A/AAAA record for this"
                + " server will do as well)"));
    records.add(
        hostHint(
            "autodiscover." + apex,
            mx,
            "Outlook Autodiscover; over HTTPS its certificate must name autodiscover."
                + domain
                + " (an A/AAAA record for this server will do as well)"));

    return new DomainRecords(
        records, policy, "https://mta-sts." + domain + "/.well-known/mta-sts.txt");
  }

  /** {@code v=spf1 mx -all}, with the node's own address when the settings name a public one. */
  static String spf(MailHost host) {
    return host.address()
        .map(
            a ->
                "v=spf1 mx "
                    + (a instanceof Inet4Address ? "ip4:" : "ip6:")
                    + a.getHostAddress()
                    + " -all")
        .orElse("v=spf1 mx -all");
  }

  /**
   * RFC 8461 §3.2. Enforced only with a configured certificate: senders validate the MX's
   * certificate, and a self-signed one would make every enforcing sender refuse to deliver.
   */
  static String mtaStsPolicy(MailHost host) {
    return "version: STSv1\r\n"
        + "mode: "
        + (host.trustedCertificate() ? "enforce" : "testing")
        + "\r\n"
        + "mx: "
        + host.hostname().toLowerCase(Locale.ROOT)
        + "\r\n"
        + "max_age: "
        + MTA_STS_MAX_AGE
        + "\r\n";
  }

  /** 1 to 32 alphanumerics (RFC 8461 §3.1): the policy's digest, so it changes when it does. */
  static String mtaStsId(String policy) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(policy.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(Arrays.copyOf(digest, 10));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String dkimTxt(DkimKeyRecord key) {
    DkimAlgorithm algorithm = DkimAlgorithm.forKeyType(key.algorithm());
    try {
      return DkimKeys.txtRecord(algorithm, DkimKeys.publicKey(algorithm, key.publicKey()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a stored DKIM public key does not decode", e);
    }
  }

  private static RequiredRecord srv(
      String service, int priority, int port, String apex, String target, String what) {
    String data = priority + " 1 " + port + " " + target;
    return new RequiredRecord(
        "SRV: " + what,
        service + "._tcp." + apex,
        Type.SRV,
        data,
        found ->
            anyMatches(
                found,
                f -> {
                  String[] parts = f.split(" ");
                  return parts.length == 4
                      && parts[2].equals(Integer.toString(port))
                      && parts[3].equalsIgnoreCase(target);
                }));
  }

  private static RequiredRecord hostHint(String name, String target, String what) {
    return new RequiredRecord(
        "CNAME: " + what,
        name,
        Type.CNAME,
        target,
        found -> anyMatches(found, f -> f.equalsIgnoreCase(target)));
  }

  private static Verdict anyMatches(List<String> found, Predicate<String> good) {
    if (found.isEmpty()) {
      return Verdict.MISSING;
    }
    return found.stream().anyMatch(good) ? Verdict.OK : Verdict.wrong(String.join(" | ", found));
  }

  private static String targetOf(String mx) {
    String[] parts = mx.split(" ");
    return parts[parts.length - 1];
  }

  /** Ours, or one that has every term of ours (other senders may be listed). */
  private static Verdict judgeSpf(List<String> found, String ours) {
    List<String> spf = found.stream().filter(f -> lower(f).startsWith("v=spf1")).toList();
    if (spf.isEmpty()) {
      return Verdict.MISSING;
    }
    if (spf.size() > 1) {
      // RFC 7208 §4.5: more than one SPF record is a permerror.
      return Verdict.wrong(quoted(spf));
    }
    Set<String> theirs = Set.of(lower(spf.get(0)).trim().split("\\s+"));
    boolean covers = Arrays.stream(lower(ours).split(" ")).allMatch(theirs::contains);
    return covers ? Verdict.OK : Verdict.wrong(quoted(spf));
  }

  /** The same key type and public key (RFC 6376 §3.6.1); other tags are the operator's. */
  private static Verdict judgeDkim(List<String> found, String ours) {
    Map<String, String> want = TxtTags.parse(ours);
    List<String> keys = found.stream().filter(f -> TxtTags.parse(f).containsKey("p")).toList();
    if (keys.isEmpty()) {
      return found.isEmpty() ? Verdict.MISSING : Verdict.wrong(quoted(found));
    }
    boolean match =
        keys.stream()
            .map(TxtTags::parse)
            .anyMatch(
                t ->
                    Objects.equals(want.get("p"), t.get("p"))
                        && want.get("k").equals(t.getOrDefault("k", "rsa")));
    return match ? Verdict.OK : Verdict.wrong(quoted(keys));
  }

  private static Verdict judgeTagged(
      List<String> found, String version, Predicate<Map<String, String>> good) {
    List<String> tagged = found.stream().filter(f -> TxtTags.hasVersion(f, version)).toList();
    if (tagged.isEmpty()) {
      return Verdict.MISSING;
    }
    return tagged.size() == 1 && good.test(TxtTags.parse(tagged.get(0)))
        ? Verdict.OK
        : Verdict.wrong(quoted(tagged));
  }

  private static String quoted(List<String> texts) {
    return texts.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(" | "));
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
