package dev.mailvault.imap.session;

import dev.mailvault.core.access.MailAccess;
import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.directory.Directory;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every session of one server shares.
 *
 * @param directory where logins are checked and aliases unlocked
 * @param mail where unlocked aliases' mail is opened
 * @param limits the configurable limits
 * @param throttle failed-login bookkeeping
 * @param securityLog where failed logins, blocks and refused connections are told (ADR 0172)
 * @param workers the pool commands run on (never an event loop)
 * @param timers delays and keep-alives
 * @param recent which messages a session was first to see (IMAP4rev1 {@code \Recent})
 */
public record ImapServices(
    Directory directory,
    MailAccess mail,
    ImapLimits limits,
    LoginThrottle throttle,
    SecurityLog securityLog,
    Executor workers,
    ScheduledExecutorService timers,
    RecentClaims recent) {}
