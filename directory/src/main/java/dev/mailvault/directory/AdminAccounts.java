package dev.mailvault.directory;

import java.util.List;
import java.util.Optional;

/**
 * The web console's administrator accounts (ADR 0263): a password checked by Argon2id, and a TOTP
 * second factor whose secret and recovery codes the caller seals and digests before they are
 * stored: the directory keeps them as given and cannot open them.
 *
 * <p>Passwords are taken as {@code char[]}, never stored or logged; the caller zeroes its array.
 * Names are {@link AdminName canonical}. Thread-safe; each operation is one short transaction, and
 * the Argon2id derivation runs outside it.
 */
public interface AdminAccounts {

  /** How many recovery codes an admin gets at enrolment. */
  int RECOVERY_CODES = 10;

  /**
   * Adds an admin with a generated password, returned once (zero it when shown).
   *
   * @throws AdminExistsException when an admin of that name exists
   */
  char[] add(String name) throws AdminExistsException, InvalidAdminNameException;

  /**
   * Adds an admin with a password chosen by a person.
   *
   * @throws WeakPasswordException when the password breaks {@link PasswordPolicy}
   */
  void add(String name, char[] password)
      throws AdminExistsException, InvalidAdminNameException, WeakPasswordException;

  /** Every admin, by name. */
  List<AdminInfo> list();

  /** One admin, or empty when there is none of that name. */
  Optional<AdminInfo> find(String name);

  /** Removes an admin with its second factor and recovery codes. */
  void remove(String name) throws UnknownAdminException;

  /**
   * Forgets an admin's second factor and recovery codes: the next login enrols again (a lost
   * phone).
   */
  void resetTwoFactor(String name) throws UnknownAdminException;

  /**
   * Checks a password: always exactly one Argon2id derivation, whether the name is malformed,
   * unknown or known, so the time taken says nothing about which.
   *
   * @return the admin's second-factor state when the password is right; empty otherwise
   */
  Optional<AdminCredentials> authenticate(String name, char[] password);

  /** The admin's second-factor state, read fresh (for the code step of a login). */
  Optional<AdminCredentials> credentials(String name);

  /**
   * Confirms enrolment: stores the sealed TOTP secret, the step of the code that confirmed it, and
   * the recovery codes' digests (replacing any).
   *
   * @return false when the admin is enrolled already (a second enrolment raced this one)
   */
  boolean enroll(String name, byte[] sealedSecret, long step, List<byte[]> recoveryDigests)
      throws UnknownAdminException;

  /**
   * Records {@code step} as the admin's last accepted TOTP step if it is later than the one stored
   * (RFC 6238 §5.2): false when it is not, so a code is accepted once even by two concurrent
   * logins.
   */
  boolean acceptStep(String name, long step);

  /** Deletes the recovery code with this digest: true when it was there (so it worked once). */
  boolean useRecoveryCode(String name, byte[] digest);
}
