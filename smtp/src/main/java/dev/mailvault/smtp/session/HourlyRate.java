package dev.mailvault.smtp.session;

import dev.mailvault.core.address.EmailAddress;

/** Messages each alias may submit per hour (ADR 0204; shared by a cluster's front-ends, 0282). */
interface HourlyRate {

  /** Whether {@code alias} may submit one more message now. */
  boolean allows(EmailAddress alias);

  /** One message of {@code alias} was accepted. */
  void count(EmailAddress alias);
}
