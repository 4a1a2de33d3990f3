package dev.mailvault.directory;

/**
 * What an alias may keep in Sieve scripts (ADR 0249). The directory enforces them when a script is
 * stored; ManageSieve's HAVESPACE answers from them (RFC 5804 §2.5).
 *
 * @param maxScriptOctets the longest script, in UTF-8 octets
 * @param maxScripts scripts one alias may keep
 * @param maxNameLength the longest name, in characters
 */
public record SieveLimits(int maxScriptOctets, int maxScripts, int maxNameLength) {

  /** 64 KiB per script, 20 scripts, names of up to 128 characters. */
  public static final SieveLimits DEFAULTS = new SieveLimits(64 * 1024, 20, 128);

  public SieveLimits {
    if (maxScriptOctets < 1 || maxScripts < 1 || maxNameLength < 1) {
      throw new IllegalArgumentException("Sieve limits must allow one script");
    }
  }

  /**
   * Whether {@code name} may name a script: not empty, not too long, and none of the characters RFC
   * 5804 §1.6 forbids (controls 0000-001F and 007F-009F, LINE SEPARATOR, PARAGRAPH SEPARATOR).
   */
  public boolean validName(String name) {
    if (name.isEmpty() || name.codePointCount(0, name.length()) > maxNameLength) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= 0x1f || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029) {
        return false;
      }
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c)
              && i + 1 < name.length()
              && Character.isLowSurrogate(name.charAt(++i)))) {
        return false;
      }
    }
    return true;
  }
}
