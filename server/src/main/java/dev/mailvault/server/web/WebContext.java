package dev.mailvault.server.web;

import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.directory.Directory;
import dev.mailvault.mailauth.dns.DnsClient;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.OutboundKeys;
import dev.mailvault.server.admin.AdminOperations;
import dev.mailvault.server.app.AliasBackups;
import dev.mailvault.server.app.Exports;
import dev.mailvault.server.app.QueueOperations;
import dev.mailvault.server.app.VaultFiles;
import dev.mailvault.server.config.Settings;
import dev.mailvault.server.http.HealthCheck;
import java.time.Clock;

/**
 * What the web features (API, console, My account, autoconfiguration) reach of the running node:
 * the same directory, vault files, backups, queue and login throttle the mail listeners use, so a
 * web operation and a mail session see one state (ADR 0258). On a cluster's front-end the vault
 * files, backups, exports and queue are the primaries', reached over the cluster (ADR 0286).
 *
 * @param vaultFiles the vault and spool files of the aliases created and removed: this node's, or
 *     on a cluster's front-end the vault's primary's (ADR 0286)
 * @param queue the outbound queue: this node's, or on a front-end every live primary's
 * @param adminOperations the operations the CLI runs over the admin socket (backup, queue, purge):
 *     the API calls them by name rather than writing them again
 * @param logins the throttle IMAP, POP3, SMTP and ManageSieve logins share (ADR 0171)
 * @param health the node's health (TLS expiry, data directory)
 * @param backups the aliases' backups: this node's, or the primaries' on a front-end (ADR 0286)
 * @param exports background exports kept sealed for their download (ADR 0262), on this node or on
 *     the vault's primary (ADR 0286)
 */
public record WebContext(
    Settings settings,
    DataLayout layout,
    Directory directory,
    VaultFiles vaultFiles,
    AliasBackups backups,
    QueueOperations queue,
    AdminOperations adminOperations,
    OutboundKeys outboundKeys,
    DnsClient dns,
    LoginThrottle logins,
    SecurityLog securityLog,
    HealthCheck health,
    WebSessions sessions,
    Exports exports,
    Clock clock) {}
