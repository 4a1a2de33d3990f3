package dev.mailvault.server.web;

import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.directory.Directory;
import dev.mailvault.mailauth.dns.DnsClient;
import dev.mailvault.outbound.queue.OutboundQueue;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.OutboundKeys;
import dev.mailvault.server.admin.AdminOperations;
import dev.mailvault.server.app.Exports;
import dev.mailvault.server.backup.BackupService;
import dev.mailvault.server.config.Settings;
import dev.mailvault.server.http.HealthCheck;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.spool.SpoolStore;
import java.time.Clock;

/**
 * What the web features (API, console, My account, autoconfiguration) reach of the running node:
 * the same directory, vault store, spool, backups, queue and login throttle the mail listeners use,
 * so a web operation and a mail session see one state (ADR 0258).
 *
 * @param adminOperations the operations the CLI runs over the admin socket (backup, queue, purge):
 *     the API calls them by name rather than writing them again
 * @param logins the throttle IMAP, POP3, SMTP and ManageSieve logins share (ADR 0171)
 * @param health the node's health (TLS expiry, data directory)
 * @param exports background exports kept sealed for their download (ADR 0262), on this node or on
 *     the vault's primary (ADR 0286)
 */
public record WebContext(
    Settings settings,
    DataLayout layout,
    Directory directory,
    VaultStore vaults,
    SpoolStore spool,
    BackupService backups,
    OutboundQueue queue,
    AdminOperations adminOperations,
    OutboundKeys outboundKeys,
    DnsClient dns,
    LoginThrottle logins,
    SecurityLog securityLog,
    HealthCheck health,
    WebSessions sessions,
    Exports exports,
    Clock clock) {}
