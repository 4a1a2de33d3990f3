package dev.mailvault.smtp.session;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.address.InvalidAddressException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.UnknownAliasException;

/**
 * Who may send as whom on submission (ADR 0203, RFC 6409 §8.1 leaves it to local policy): an alias
 * as itself (and its {@code +tag} sub-addresses), as every other alias of its account, and as each
 * address the operator put on its send-as list. One account owns every domain today, so "its
 * account's aliases" is every alias the directory lists.
 */
final class SenderPolicy {

  private static final char TAG_SEPARATOR = '+';

  private final Directory directory;

  SenderPolicy(Directory directory) {
    this.directory = directory;
  }

  /** Whether {@code alias}, logged in, may name {@code address} as its sender. */
  boolean allows(EmailAddress alias, String address) {
    EmailAddress sender;
    try {
      sender = EmailAddress.parse(address);
    } catch (InvalidAddressException e) {
      return false;
    }
    EmailAddress base = sender.withoutTag(TAG_SEPARATOR);
    if (base.canonical().equals(alias.canonical())) {
      return true;
    }
    // Every alias belongs to the one account, so any alias found is one of the account's.
    if (directory.findAlias(sender).isPresent() || directory.findAlias(base).isPresent()) {
      return true;
    }
    try {
      for (EmailAddress allowed : directory.sendAs(alias)) {
        if (allowed.canonical().equals(sender.canonical())) {
          return true;
        }
      }
    } catch (UnknownAliasException e) {
      // Removed since it logged in: it may send as nobody else.
      return false;
    }
    return false;
  }
}
