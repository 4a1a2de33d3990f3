/**
 * Sieve (RFC 5228) and the extensions Mailvault offers, as a pure library: no I/O, no threads, no
 * logging (ADR 0236, guarded by {@code SievePurityTest}).
 *
 * <p>Entry points: {@link dev.mailvault.core.sieve.SieveScript#compile} (ManageSieve, the CLI and
 * the MX: parse and check, errors as {@code line N: reason}), {@link
 * dev.mailvault.core.sieve.SieveScript#evaluate} (the MX, with {@link
 * dev.mailvault.core.sieve.SieveMessage#of} over the message in memory), and the final actions in
 * {@link dev.mailvault.core.sieve.SieveOutcome} (ADR 0237).
 *
 * <p>Inside: {@code SieveLexer} → {@code SieveParser} ({@code Syntax} tree) → {@code
 * SieveValidator} against the {@code Grammar} table ({@code Node} tree, with {@code MatchSpec} and
 * compiled regexes) → {@code Interpreter} and {@code TestEvaluator}, which use {@code Matching}
 * ({@code Comparators}, {@code Wildcard}, {@code Regexes}), {@code VariableStore}, {@code
 * DateParts}, {@code VacationRules} and collect into {@code ActionList}.
 *
 * <p>Concurrency: a compiled script is immutable and shared; each evaluation builds its own
 * interpreter state; a {@code SieveMessage} belongs to one evaluation at a time.
 */
package dev.mailvault.core.sieve;
