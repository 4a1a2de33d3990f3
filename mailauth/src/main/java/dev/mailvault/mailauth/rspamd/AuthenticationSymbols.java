package dev.mailvault.mailauth.rspamd;

import dev.mailvault.mailauth.dkim.DkimResult;
import dev.mailvault.mailauth.dmarc.DmarcPolicy;
import dev.mailvault.mailauth.dmarc.DmarcResult;
import dev.mailvault.mailauth.spf.SpfResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Our SPF, DKIM and DMARC results as the symbols rspamd's own spf, dkim and dmarc modules would
 * have inserted (their names in /usr/share/rspamd/lualib/plugins/dmarc.lua and
 * /etc/rspamd/scores.d/policies_group.conf), so that rspamd scores them without repeating the DNS
 * look-ups the MX already made. Each weighs 1.0: rspamd applies its configured score.
 */
public final class AuthenticationSymbols {

  /** rspamd's symbols of the three checks whose look-ups our results replace. */
  static final List<String> CHECKS = List.of("SPF_CHECK", "DKIM_CHECK", "DMARC_CALLBACK");

  private AuthenticationSymbols() {}

  /** The symbols for one message: SPF's, one per DKIM signature (R_DKIM_NA without), DMARC's. */
  public static List<RspamdSymbol> of(SpfResult spf, List<DkimResult> dkim, DmarcResult dmarc) {
    List<RspamdSymbol> symbols = new ArrayList<>();
    symbols.add(symbol(spfSymbol(spf), options(spf.domain())));
    boolean anyDkim = false;
    for (DkimResult signature : dkim) {
      String name = dkimSymbol(signature);
      if (name == null) {
        continue;
      }
      anyDkim = true;
      // rspamd's dkim module writes "domain:trace", trace + - ? ~ (pass, fail, temp, perm).
      symbols.add(
          symbol(
              name,
              options(signature.domain()).stream()
                  .map(domain -> domain + ":" + dkimTrace(signature))
                  .toList()));
    }
    if (!anyDkim) {
      symbols.add(symbol("R_DKIM_NA", List.of()));
    }
    List<String> dmarcOptions = new ArrayList<>(options(dmarc.fromDomain()));
    if (!dmarcOptions.isEmpty()) {
      dmarcOptions.add(dmarc.policy().token());
    }
    symbols.add(symbol(dmarcSymbol(dmarc), dmarcOptions));
    return List.copyOf(symbols);
  }

  static String spfSymbol(SpfResult spf) {
    return switch (spf.status()) {
      case PASS -> "R_SPF_ALLOW";
      case FAIL -> "R_SPF_FAIL";
      case SOFTFAIL -> "R_SPF_SOFTFAIL";
      case NEUTRAL -> "R_SPF_NEUTRAL";
      case NONE -> "R_SPF_NA";
      case TEMPERROR -> "R_SPF_DNSFAIL";
      case PERMERROR -> "R_SPF_PERMFAIL";
    };
  }

  /**
   * The symbol of one signature, or null for one that was not judged: NEUTRAL and POLICY (beyond
   * the number we verify) say nothing about the message, as rspamd's module inserts nothing for a
   * signature it skips.
   */
  static String dkimSymbol(DkimResult dkim) {
    return switch (dkim.status()) {
      case PASS -> "R_DKIM_ALLOW";
      case FAIL -> "R_DKIM_REJECT";
      case TEMPERROR -> "R_DKIM_TEMPFAIL";
      case PERMERROR -> "R_DKIM_PERMFAIL";
      case NEUTRAL, POLICY -> null;
    };
  }

  private static char dkimTrace(DkimResult dkim) {
    return switch (dkim.status()) {
      case PASS -> '+';
      case FAIL -> '-';
      case TEMPERROR -> '?';
      default -> '~';
    };
  }

  static String dmarcSymbol(DmarcResult dmarc) {
    return switch (dmarc.status()) {
      case PASS -> "DMARC_POLICY_ALLOW";
      case FAIL -> dmarcFailure(dmarc.policy());
      case NONE -> "DMARC_NA";
      case TEMPERROR -> "DMARC_DNSFAIL";
      case PERMERROR -> "DMARC_BAD_POLICY";
    };
  }

  private static String dmarcFailure(DmarcPolicy policy) {
    // rspamd's dmarc module: a failure under p=none is its "softfail".
    return switch (policy) {
      case REJECT -> "DMARC_POLICY_REJECT";
      case QUARANTINE -> "DMARC_POLICY_QUARANTINE";
      case NONE -> "DMARC_POLICY_SOFTFAIL";
    };
  }

  private static List<String> options(String domain) {
    return domain == null || domain.isEmpty() ? List.of() : List.of(domain);
  }

  private static RspamdSymbol symbol(String name, List<String> options) {
    return new RspamdSymbol(name, 1.0, options);
  }
}
