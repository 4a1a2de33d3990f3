package dev.mailvault.server.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every setting a node reads, with its config-file key, environment variable and default. One
 * table, so the README's configuration table and the parser cannot drift apart.
 */
public enum Setting {
  DATA(
      "data",
      "MAILVAULT_DATA",
      "./data",
      "Data directory: directory database, vaults, spool, backups."),
  BIND("bind", "MAILVAULT_BIND", "0.0.0.0", "Address every listener binds to."),
  HTTP_PORT(
      "http.port",
      "MAILVAULT_HTTP_PORT",
      "8080",
      "HTTP port: health, readiness, metrics, autoconfiguration; pages and API redirect to HTTPS."),
  HTTPS_PORT(
      "https.port",
      "MAILVAULT_HTTPS_PORT",
      "8443",
      "HTTPS port: the admin console, My account and the JSON API, with the mail certificate."),
  HTTP_SESSION_IDLE_MINUTES(
      "http.session-idle",
      "MAILVAULT_HTTP_SESSION_IDLE",
      "15",
      "Minutes a console or My account session may sit unused before it ends."),
  HTTP_SESSION_HOURS(
      "http.session-max",
      "MAILVAULT_HTTP_SESSION_MAX",
      "8",
      "Hours after login a console or My account session ends, used or not."),
  SERVER_KEY_FILE(
      "server-key-file",
      "MAILVAULT_SERVER_KEY_FILE",
      "",
      "File holding the 32-byte server key that encrypts the directory at rest; keep it outside the"
          + " data directory. Empty: directory not encrypted (it holds only wrapped keys)."),
  TLS_CERT(
      "tls.cert",
      "MAILVAULT_TLS_CERT",
      "",
      "PEM certificate chain (server certificate first) for every TLS listener. Empty: a"
          + " self-signed certificate is generated under <data>/tls on first start."),
  TLS_KEY(
      "tls.key",
      "MAILVAULT_TLS_KEY",
      "",
      "PEM private key of TLS_CERT (PKCS#8, PKCS#1 RSA or SEC1 EC, not passphrase-protected)."),
  TLS_GROUPS(
      "tls.groups",
      "MAILVAULT_TLS_GROUPS",
      "X25519MLKEM768:X25519:P-256",
      "Key exchange groups every TLS listener offers, preferred first (ADR 0196): the hybrid"
          + " post-quantum X25519MLKEM768, then X25519 and P-256 for clients without it. Known:"
          + " X25519MLKEM768, X25519, P-256, P-384, P-521."),
  TLS_PROVIDER(
      "tls.provider",
      "MAILVAULT_TLS_PROVIDER",
      "auto",
      "Who does TLS: auto (BoringSSL where its native library loads, else Bouncy Castle JSSE),"
          + " boringssl or bouncycastle. Both offer X25519MLKEM768 (ADR 0196)."),
  SMTP_PORT("smtp.port", "MAILVAULT_SMTP_PORT", "2525", "SMTP port for incoming mail (MX)."),
  SMTP_HOSTNAME(
      "smtp.hostname",
      "MAILVAULT_SMTP_HOSTNAME",
      "",
      "This server's name in the SMTP greeting and in Received fields. Empty: the machine's name."),
  DNS_RESOLVERS(
      "dns.resolvers",
      "MAILVAULT_DNS_RESOLVERS",
      "",
      "DNS servers to ask (SPF, DKIM, DMARC, MX look-ups, domain dns --check), comma-separated"
          + " IP[:port] ([IPv6]:port with a port), asked in turn. Empty: the system's resolvers."),
  SMTP_MAX_MESSAGE_SIZE(
      "smtp.max-message-size",
      "MAILVAULT_SMTP_MAX_MESSAGE_SIZE",
      "52428800",
      "Largest message in bytes the MX accepts; advertised as SIZE."),
  SMTP_MAX_RECIPIENTS(
      "smtp.max-recipients",
      "MAILVAULT_SMTP_MAX_RECIPIENTS",
      "100",
      "Recipients per message; more get 452 4.5.3."),
  SMTP_CONNECTIONS_PER_IP(
      "smtp.connections-per-ip",
      "MAILVAULT_SMTP_CONNECTIONS_PER_IP",
      "20",
      "Simultaneous SMTP connections one client address may hold."),
  SMTP_PROXY_PROTOCOL(
      "smtp.proxy-protocol",
      "MAILVAULT_SMTP_PROXY_PROTOCOL",
      "",
      "Comma-separated IP addresses of trusted proxies whose connections start with a PROXY"
          + " protocol header (v1 or v2) naming the client. Empty: off."),
  SMTP_BARE_LINE_ENDS(
      "smtp.bare-line-ends",
      "MAILVAULT_SMTP_BARE_LINE_ENDS",
      "reject",
      "What the MX does with a bare CR or LF in a message: reject (550 5.6.11) or normalise to"
          + " CRLF."),
  LOGIN_FAILURES_PER_NETWORK(
      "login.failures-per-network",
      "MAILVAULT_LOGIN_FAILURES_PER_NETWORK",
      "10",
      "Failed logins on one account from one client network (an IPv4 address, an IPv6 /64) before"
          + " that network is blocked for that account (ADR 0171)."),
  LOGIN_NETWORK_FAILURES(
      "login.network-failures",
      "MAILVAULT_LOGIN_NETWORK_FAILURES",
      "50",
      "Failed logins from one client network on any accounts before the network is blocked."),
  LOGIN_BLOCK_MINUTES(
      "login.block-minutes",
      "MAILVAULT_LOGIN_BLOCK_MINUTES",
      "15",
      "How long a block lasts; attempts during it do not extend it."),
  LOGIN_ACCOUNT_SLOWDOWN_AFTER(
      "login.account-slowdown-after",
      "MAILVAULT_LOGIN_ACCOUNT_SLOWDOWN_AFTER",
      "20",
      "Failed logins on one account from all networks together before networks the owner has not"
          + " logged in from lately are answered late."),
  LOGIN_ACCOUNT_MAX_DELAY_SECONDS(
      "login.account-max-delay-seconds",
      "MAILVAULT_LOGIN_ACCOUNT_MAX_DELAY_SECONDS",
      "5",
      "The longest delay of that account-wide slowdown."),
  SMTP_MAX_RECEIVED(
      "smtp.max-received",
      "MAILVAULT_SMTP_MAX_RECEIVED",
      "50",
      "Hop limit: a message with more Received fields is refused as a loop (554 5.4.6), as"
          + " Postfix's hopcount_limit."),
  SRS_MAX_AGE_DAYS(
      "srs.max-age-days",
      "MAILVAULT_SRS_MAX_AGE_DAYS",
      "21",
      "Days a forwarded message's SRS sender stays valid for its bounce; older ones are refused."),
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES(
      "webhook.allow-private-addresses",
      "MAILVAULT_WEBHOOK_ALLOW_PRIVATE_ADDRESSES",
      "false",
      "Whether webhooks may post to loopback, private and link-local addresses (off: a user cannot"
          + " make the server reach its own network; ADR 0245)."),
  WEBHOOK_CA_FILE(
      "webhook.ca-file",
      "MAILVAULT_WEBHOOK_CA_FILE",
      "",
      "PEM file of the certificate authorities webhook receivers are checked against, instead of"
          + " the system's (for receivers under a private CA); empty: the system's."),
  SPAM_ENABLED(
      "spam.enabled",
      "MAILVAULT_SPAM_ENABLED",
      "auto",
      "Spam filtering at the MX through rspamd (ADR 0254): auto (on when rspamd answers at start,"
          + " off with a warning when not), true or false. With it on, a message is accepted"
          + " unfiltered when rspamd is down or slow."),
  SPAM_RSPAMD_URL(
      "spam.rspamd-url",
      "MAILVAULT_SPAM_RSPAMD_URL",
      "http://127.0.0.1:11333",
      "rspamd's normal worker, which scans messages (/checkv2)."),
  SPAM_RSPAMD_CONTROLLER_URL(
      "spam.rspamd-controller-url",
      "MAILVAULT_SPAM_RSPAMD_CONTROLLER_URL",
      "http://127.0.0.1:11334",
      "rspamd's controller, which learns what users move into and out of Junk (/learnspam,"
          + " /learnham)."),
  SPAM_RSPAMD_PASSWORD(
      "spam.rspamd-password",
      "MAILVAULT_SPAM_RSPAMD_PASSWORD",
      "",
      "The controller's password, sent with every lesson; empty: none (rspamd trusts its"
          + " secure_ip, loopback by default)."),
  SPAM_TIMEOUT_SECONDS(
      "spam.timeout",
      "MAILVAULT_SPAM_TIMEOUT",
      "20",
      "Seconds the MX waits for rspamd's answer before it accepts the message unfiltered."),
  SPAM_LEARN(
      "spam.learn",
      "MAILVAULT_SPAM_LEARN",
      "true",
      "Teach rspamd's per-user Bayes statistics what users move into Junk (spam) and out of it"
          + " (ham) (ADR 0255); false: nothing is sent to the controller."),
  SMTP_POSTMASTER(
      "smtp.postmaster",
      "MAILVAULT_SMTP_POSTMASTER",
      "",
      "Alias that receives mail to <postmaster> and to postmaster@ a served domain without such an"
          + " alias. Empty: the oldest enabled alias."),
  SMTP_COMMAND_TIMEOUT_SECONDS(
      "smtp.command-timeout-seconds",
      "MAILVAULT_SMTP_COMMAND_TIMEOUT_SECONDS",
      "300",
      "Seconds a command line may take to arrive in full, counted from the previous reply's"
          + " input; then 421 4.4.2 (RFC 5321 §4.5.3.2.7)."),
  SMTP_MIN_DATA_RATE(
      "smtp.min-data-rate",
      "MAILVAULT_SMTP_MIN_DATA_RATE",
      "1024",
      "Bytes per second DATA or a BDAT chunk must average once it has taken longer than"
          + " smtp.rate-grace-seconds; a slower client gets 421 4.4.2."),
  SMTP_RATE_GRACE_SECONDS(
      "smtp.rate-grace-seconds",
      "MAILVAULT_SMTP_RATE_GRACE_SECONDS",
      "30",
      "Seconds message data may take before smtp.min-data-rate applies."),
  SMTP_MAX_CONNECTIONS(
      "smtp.max-connections",
      "MAILVAULT_SMTP_MAX_CONNECTIONS",
      "2000",
      "SMTP connections held at once from all addresses; more get 421 4.3.2 and are closed."),
  SMTP_DMARC_REJECT(
      "smtp.dmarc-reject",
      "MAILVAULT_SMTP_DMARC_REJECT",
      "true",
      "Refuse with 550 5.7.1 a message that fails DMARC when its domain publishes p=reject (ADR"
          + " 0206); false: deliver it with the failure in Authentication-Results."),
  SMTP_DMARC_QUARANTINE(
      "smtp.dmarc-quarantine",
      "MAILVAULT_SMTP_DMARC_QUARANTINE",
      "true",
      "File in Junk (the \\Junk folder, created when missing), marked X-Mailvault-Quarantine: dmarc, a"
          + " message that fails DMARC when its domain publishes p=quarantine (ADR 0206); false:"
          + " INBOX, unmarked."),
  INFLIGHT_MAX_BYTES(
      "inflight.max-bytes",
      "MAILVAULT_INFLIGHT_MAX_BYTES",
      "536870912",
      "Bytes of unfinished literals and messages all listeners may hold together; past it, new"
          + " ones get NO [LIMIT] or 452 4.3.1 (ADR 0166)."),
  SPILL_THRESHOLD(
      "spill.threshold",
      "MAILVAULT_SPILL_THRESHOLD",
      "262144",
      "Bytes of one unfinished literal or message kept in memory; the rest goes to <data>/temp,"
          + " encrypted under a key held in memory only (ADR 0165)."),
  VAULT_IDLE_SECONDS(
      "vault.idle-seconds",
      "MAILVAULT_VAULT_IDLE_SECONDS",
      "300",
      "Seconds a vault's connections stay open after its last use."),
  VAULT_UNLOCK_CACHE(
      "vault.unlock-cache",
      "MAILVAULT_VAULT_UNLOCK_CACHE",
      "true",
      "Keep a logged-in alias's unwrapped key in memory for vault.idle-seconds, so a re-login with"
          + " the same password skips Argon2id (ADR 0185). false: every login runs Argon2id."),
  VAULT_SYNC_FULL(
      "vault.synchronous-full",
      "MAILVAULT_VAULT_SYNCHRONOUS_FULL",
      "false",
      "SQLite synchronous=FULL instead of NORMAL (survives power loss, not only process crashes, at"
          + " a cost)."),
  BACKUP_TARGET(
      "backup.target",
      "MAILVAULT_BACKUP_TARGET",
      "local",
      "Where backups are stored: local (BACKUP_DIRECTORY) or s3 (the BACKUP_S3_* settings)."),
  BACKUP_DIRECTORY(
      "backup.directory",
      "MAILVAULT_BACKUP_DIRECTORY",
      "",
      "Folder for backups when BACKUP_TARGET is local. Empty: <data>/backups."),
  BACKUP_S3_ENDPOINT(
      "backup.s3.endpoint",
      "MAILVAULT_BACKUP_S3_ENDPOINT",
      "",
      "URL of an S3-compatible server (https://minio.example.net:9000). Empty: AWS S3."),
  BACKUP_S3_REGION(
      "backup.s3.region", "MAILVAULT_BACKUP_S3_REGION", "us-east-1", "S3 signing region."),
  BACKUP_S3_BUCKET(
      "backup.s3.bucket",
      "MAILVAULT_BACKUP_S3_BUCKET",
      "",
      "S3 bucket for backups; it must exist. Required when BACKUP_TARGET is s3."),
  BACKUP_S3_PREFIX(
      "backup.s3.prefix",
      "MAILVAULT_BACKUP_S3_PREFIX",
      "",
      "Prepended to every backup object's name, e.g. mailvault/ to share a bucket."),
  BACKUP_S3_ACCESS_KEY(
      "backup.s3.access-key",
      "MAILVAULT_BACKUP_S3_ACCESS_KEY",
      "",
      "S3 access key id. Empty: the AWS default chain (AWS_* variables, instance profile)."),
  BACKUP_S3_SECRET_KEY(
      "backup.s3.secret-key",
      "MAILVAULT_BACKUP_S3_SECRET_KEY",
      "",
      "S3 secret access key; never logged or printed."),
  BACKUP_S3_PATH_STYLE(
      "backup.s3.path-style",
      "MAILVAULT_BACKUP_S3_PATH_STYLE",
      "auto",
      "Path-style requests (https://host/bucket/key): true, false, or auto (true when an endpoint"
          + " is set)."),
  BACKUP_S3_PART_SIZE_MB(
      "backup.s3.part-size-mb",
      "MAILVAULT_BACKUP_S3_PART_SIZE_MB",
      "16",
      "Larger backups are uploaded in parts of this many MiB (at least 5)."),
  IMAP_PORT("imap.port", "MAILVAULT_IMAP_PORT", "1143", "IMAP port (STARTTLS)."),
  IMAPS_PORT("imaps.port", "MAILVAULT_IMAPS_PORT", "1993", "IMAP port with implicit TLS."),
  IMAP_PLAINTEXT_AUTH(
      "imap.allow-plaintext-auth",
      "MAILVAULT_IMAP_ALLOW_PLAINTEXT_AUTH",
      "false",
      "Allow LOGIN and AUTHENTICATE PLAIN without TLS from other hosts than loopback."),
  IMAP_APPEND_LIMIT(
      "imap.append-limit",
      "MAILVAULT_IMAP_APPEND_LIMIT",
      "52428800",
      "Largest message (and literal) in bytes IMAP accepts; advertised as APPENDLIMIT."),
  IMAP_CONNECTIONS_PER_IP(
      "imap.connections-per-ip",
      "MAILVAULT_IMAP_CONNECTIONS_PER_IP",
      "50",
      "Simultaneous IMAP connections one client address may hold."),
  IMAP_PROXY_PROTOCOL(
      "imap.proxy-protocol",
      "MAILVAULT_IMAP_PROXY_PROTOCOL",
      "",
      "Comma-separated IP addresses of trusted proxies whose connections start with a PROXY"
          + " protocol header (v1 or v2) naming the client. Empty: off."),
  IMAP_IDLE_LOGOUT_MINUTES(
      "imap.idle-logout-minutes",
      "MAILVAULT_IMAP_IDLE_LOGOUT_MINUTES",
      "30",
      "Minutes of silence after which a client is logged out (IDLE lasts at most one minute"
          + " less)."),
  IMAP_LOGIN_TIMEOUT_SECONDS(
      "imap.login-timeout-seconds",
      "MAILVAULT_IMAP_LOGIN_TIMEOUT_SECONDS",
      "60",
      "Seconds from connecting to being logged in; then * BYE and the connection is closed."),
  IMAP_MIN_COMMAND_RATE(
      "imap.min-command-rate",
      "MAILVAULT_IMAP_MIN_COMMAND_RATE",
      "1024",
      "Bytes per second a command (literals included) must average once it has taken longer than"
          + " imap.rate-grace-seconds; a slower client gets * BYE."),
  IMAP_RATE_GRACE_SECONDS(
      "imap.rate-grace-seconds",
      "MAILVAULT_IMAP_RATE_GRACE_SECONDS",
      "30",
      "Seconds a command may take before imap.min-command-rate applies."),
  IMAP_MAX_CONNECTIONS(
      "imap.max-connections",
      "MAILVAULT_IMAP_MAX_CONNECTIONS",
      "2000",
      "IMAP connections held at once from all addresses; more get * BYE and are closed."),
  POP3_PORT("pop3.port", "MAILVAULT_POP3_PORT", "1110", "POP3 port (STLS)."),
  POP3S_PORT("pop3s.port", "MAILVAULT_POP3S_PORT", "1995", "POP3 port with implicit TLS."),
  POP3_PLAINTEXT_AUTH(
      "pop3.allow-plaintext-auth",
      "MAILVAULT_POP3_ALLOW_PLAINTEXT_AUTH",
      "false",
      "Allow USER/PASS and AUTH PLAIN without TLS from other hosts than loopback."),
  POP3_CONNECTIONS_PER_IP(
      "pop3.connections-per-ip",
      "MAILVAULT_POP3_CONNECTIONS_PER_IP",
      "50",
      "Simultaneous POP3 connections one client address may hold."),
  POP3_PROXY_PROTOCOL(
      "pop3.proxy-protocol",
      "MAILVAULT_POP3_PROXY_PROTOCOL",
      "",
      "Comma-separated IP addresses of trusted proxies whose POP3 connections start with a PROXY"
          + " protocol header (v1 or v2) naming the client. Empty: off."),
  POP3_LOGIN_TIMEOUT_SECONDS(
      "pop3.login-timeout-seconds",
      "MAILVAULT_POP3_LOGIN_TIMEOUT_SECONDS",
      "60",
      "Seconds from connecting to being logged in over POP3; then -ERR and the connection is"
          + " closed."),
  POP3_MIN_COMMAND_RATE(
      "pop3.min-command-rate",
      "MAILVAULT_POP3_MIN_COMMAND_RATE",
      "1024",
      "Bytes per second a POP3 command line must average once it has taken longer than"
          + " pop3.rate-grace-seconds; a slower client gets -ERR and is closed."),
  POP3_RATE_GRACE_SECONDS(
      "pop3.rate-grace-seconds",
      "MAILVAULT_POP3_RATE_GRACE_SECONDS",
      "30",
      "Seconds a POP3 command line may take before pop3.min-command-rate applies."),
  POP3_MAX_CONNECTIONS(
      "pop3.max-connections",
      "MAILVAULT_POP3_MAX_CONNECTIONS",
      "2000",
      "POP3 connections held at once from all addresses; more get -ERR [SYS/TEMP] and are"
          + " closed."),
  SUBMISSION_PORT(
      "submission.port",
      "MAILVAULT_SUBMISSION_PORT",
      "2587",
      "Submission port for mail clients sending mail (STARTTLS, RFC 6409)."),
  SUBMISSIONS_PORT(
      "submissions.port",
      "MAILVAULT_SUBMISSIONS_PORT",
      "2465",
      "Submission port with implicit TLS (RFC 8314)."),
  MANAGESIEVE_ENABLED(
      "managesieve.enabled",
      "MAILVAULT_MANAGESIEVE_ENABLED",
      "true",
      "Whether the ManageSieve listener (RFC 5804) runs, for Sieve script editors."),
  MANAGESIEVE_PORT(
      "managesieve.port",
      "MAILVAULT_MANAGESIEVE_PORT",
      "4190",
      "ManageSieve port (STARTTLS, RFC 5804)."),
  SUBMISSION_MAX_MESSAGE_SIZE(
      "submission.max-message-size",
      "MAILVAULT_SUBMISSION_MAX_MESSAGE_SIZE",
      "52428800",
      "Largest message in bytes submission accepts; advertised as SIZE."),
  SUBMISSION_MAX_RECIPIENTS(
      "submission.max-recipients",
      "MAILVAULT_SUBMISSION_MAX_RECIPIENTS",
      "100",
      "Recipients per submitted message; more get 452 4.5.3."),
  SUBMISSION_MESSAGES_PER_HOUR(
      "submission.messages-per-hour",
      "MAILVAULT_SUBMISSION_MESSAGES_PER_HOUR",
      "500",
      "Messages one alias may submit in any hour; more get 450 4.7.1. Counted in memory by each"
          + " node: a restart starts the count afresh."),
  SUBMISSION_RECEIVED_HEADER(
      "submission.received-header",
      "MAILVAULT_SUBMISSION_RECEIVED_HEADER",
      "false",
      "Add a Received field naming the sending client's IP address to submitted messages."),
  OUTBOUND_SMTP_PORT(
      "outbound.smtp-port",
      "MAILVAULT_OUTBOUND_SMTP_PORT",
      "25",
      "The port the outbound queue delivers to at every MX. For tests: 25 is the only port other"
          + " servers listen on."),
  OUTBOUND_FIRST_RETRY_SECONDS(
      "outbound.first-retry-seconds",
      "MAILVAULT_OUTBOUND_FIRST_RETRY_SECONDS",
      "300",
      "Seconds after a deferred delivery attempt before the first retry; each later wait doubles"
          + " (RFC 5321 §4.5.4.1, ADR 0202)."),
  OUTBOUND_MAX_RETRY_SECONDS(
      "outbound.max-retry-seconds",
      "MAILVAULT_OUTBOUND_MAX_RETRY_SECONDS",
      "3600",
      "The longest wait between two attempts at a deferred recipient."),
  OUTBOUND_GIVE_UP_HOURS(
      "outbound.give-up-hours",
      "MAILVAULT_OUTBOUND_GIVE_UP_HOURS",
      "120",
      "Hours after acceptance when a recipient still deferred fails and the sender gets a bounce."),
  OUTBOUND_DELAY_WARNING_HOURS(
      "outbound.delay-warning-hours",
      "MAILVAULT_OUTBOUND_DELAY_WARNING_HOURS",
      "4",
      "Hours after acceptance when the sender is told, once, that a recipient is still deferred."),
  OUTBOUND_THREADS(
      "outbound.threads",
      "MAILVAULT_OUTBOUND_THREADS",
      "20",
      "Delivery attempts the outbound queue runs at once, all destinations together."),
  OUTBOUND_CONNECTIONS_PER_DOMAIN(
      "outbound.connections-per-domain",
      "MAILVAULT_OUTBOUND_CONNECTIONS_PER_DOMAIN",
      "10",
      "Delivery attempts the outbound queue runs at once to one destination domain (Postfix's"
          + " default_destination_concurrency_limit is 20)."),
  BACKUP_SCHEDULE(
      "backup.schedule",
      "MAILVAULT_BACKUP_SCHEDULE",
      "true",
      "Daily backups from serve: each vault that changed, at its own time of day (spread by id)."),
  BACKUP_KEEP_DAILY(
      "backup.keep-daily",
      "MAILVAULT_BACKUP_KEEP_DAILY",
      "7",
      "Backups kept per vault: the newest of each of this many last days that have one."),
  BACKUP_KEEP_WEEKLY(
      "backup.keep-weekly",
      "MAILVAULT_BACKUP_KEEP_WEEKLY",
      "4",
      "Backups kept per vault: the newest of each of this many last weeks that have one (0:"
          + " none)."),
  ROLE(
      "role",
      "MAILVAULT_ROLE",
      "all",
      "What this process runs: all (one process), frontend (client listeners, no vault) or"
          + " primary (vaults, spools and queue, no client listener); see docs/cluster.md."),
  DIRECTORY_URL(
      "directory.url",
      "MAILVAULT_DIRECTORY_URL",
      "",
      "The directory's database: empty for the embedded SQLite file, or"
          + " postgresql://user:password@host:port/database for a cluster."),
  CLUSTER_NODE_NAME(
      "cluster.node-name",
      "MAILVAULT_CLUSTER_NODE_NAME",
      "",
      "This node's name in the cluster, as its cluster certificate names it (empty: the one"
          + " `cluster join` installed)."),
  CLUSTER_PORT(
      "cluster.port",
      "MAILVAULT_CLUSTER_PORT",
      "7443",
      "A primary's WebSocket RPC port for front-ends (mutual TLS by the cluster CA)."),
  CLUSTER_ADVERTISE(
      "cluster.advertise",
      "MAILVAULT_CLUSTER_ADVERTISE",
      "",
      "host:port front-ends use to reach this primary (empty: the bind address and cluster.port)."),
  CLUSTER_LEASE_SECONDS(
      "cluster.lease",
      "MAILVAULT_CLUSTER_LEASE",
      "10",
      "Seconds a primary's lease on its vaults lasts; renewed every third of it. Another primary"
          + " takes the vaults over once it lapses."),
  CLUSTER_RPC_TIMEOUT_SECONDS(
      "cluster.rpc-timeout",
      "MAILVAULT_CLUSTER_RPC_TIMEOUT",
      "10",
      "Seconds a front-end waits for a primary's answer before the client hears a temporary"
          + " failure."),
  STORAGE_DIR(
      "storage.dir",
      "MAILVAULT_STORAGE_DIR",
      "",
      "Where vaults and spools live (empty: under the data directory). Primaries of a cluster"
          + " point it at the storage they share.");

  private final String key;
  private final String env;
  private final String defaultValue;
  private final String description;

  Setting(String key, String env, String defaultValue, String description) {
    this.key = key;
    this.env = env;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** The key in a config file (HOCON), under the {@code mailvault} block. */
  public String key() {
    return key;
  }

  public String env() {
    return env;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  public static Optional<Setting> byKey(String key) {
    return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
  }
}
