package dev.mailvault.imap.session;

import dev.mailvault.core.access.MailAccess;
import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.core.spam.SpamLearning;
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
 * @param logins the bounded pool a login's Argon2id runs on, so logins cannot take every worker
 *     (ADR 0186); it rejects work when full
 * @param timers delays and keep-alives
 * @param recent which messages a session was first to see (IMAP4rev1 {@code \Recent})
 * @param spamLearning where messages moved into or out of Junk are learned (ADR 0255)
 */
public record ImapServices(
    Directory directory,
    MailAccess mail,
    ImapLimits limits,
    LoginThrottle throttle,
    SecurityLog securityLog,
    Executor workers,
    Executor logins,
    ScheduledExecutorService timers,
    RecentClaims recent,
    SpamLearning spamLearning) {}
