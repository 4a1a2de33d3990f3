package dev.mailvault.sieve.session;

import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.directory.Directory;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every ManageSieve session of a server shares.
 *
 * @param directory unlocks aliases and keeps their scripts
 * @param checker compiles scripts before they are stored
 * @param limits the session limits
 * @param throttle the failed-login policy, the node's one shared with IMAP and POP3 (ADR 0171)
 * @param securityLog where failed logins are recorded
 * @param workers the pool sessions' executors run on
 * @param logins the pool a login's Argon2id runs on (ADR 0186)
 * @param timers delayed answers of failed logins
 */
public record SieveServices(
    Directory directory,
    ScriptChecker checker,
    ManageSieveLimits limits,
    LoginThrottle throttle,
    SecurityLog securityLog,
    Executor workers,
    Executor logins,
    ScheduledExecutorService timers) {}
