package dev.mailvault.pop3.session;

import dev.mailvault.core.access.MailAccess;
import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.directory.Directory;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every POP3 session of a server shares.
 *
 * @param directory unlocks aliases
 * @param mail opens an unlocked alias's vault, draining its spool into INBOX
 * @param limits the session limits
 * @param throttle the failed-login policy, shared with IMAP's policy object (ADR 0171)
 * @param securityLog where failed logins are recorded
 * @param workers the pool sessions' executors run on
 * @param logins the pool a login's Argon2id runs on (ADR 0186)
 * @param timers delayed answers of failed logins
 */
public record Pop3Services(
    Directory directory,
    MailAccess mail,
    Pop3Limits limits,
    LoginThrottle throttle,
    SecurityLog securityLog,
    Executor workers,
    Executor logins,
    ScheduledExecutorService timers) {}
