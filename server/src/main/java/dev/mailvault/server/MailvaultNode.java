package dev.mailvault.server;

import dev.mailvault.core.access.MailAccess;
import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.fs.OwnerOnly;
import dev.mailvault.core.outbound.Outbox;
import dev.mailvault.core.security.LoginHasher;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.core.spill.SpillArea;
import dev.mailvault.core.srs.SrsCodec;
import dev.mailvault.directory.Directory;
import dev.mailvault.imap.server.ImapServer;
import dev.mailvault.mailauth.dkim.DkimSigner;
import dev.mailvault.mailauth.dns.DnsClient;
import dev.mailvault.outbound.Transmitter;
import dev.mailvault.outbound.queue.OutboundQueue;
import dev.mailvault.pop3.server.Pop3Server;
import dev.mailvault.server.admin.AdminOperations;
import dev.mailvault.server.admin.AdminSocketServer;
import dev.mailvault.server.admin.PurgeAdminOperation;
import dev.mailvault.server.admin.VaultAdminOperations;
import dev.mailvault.server.app.ExportAdminOperations;
import dev.mailvault.server.app.ExportJobs;
import dev.mailvault.server.app.QueueOperations;
import dev.mailvault.server.app.VaultFiles;
import dev.mailvault.server.backup.BackupAdminOperations;
import dev.mailvault.server.backup.BackupScheduler;
import dev.mailvault.server.backup.BackupService;
import dev.mailvault.server.backup.BackupSetup;
import dev.mailvault.server.cluster.ClusterAdmin;
import dev.mailvault.server.cluster.ClusterLinks;
import dev.mailvault.server.cluster.ClusterQueueOperations;
import dev.mailvault.server.cluster.NodeRole;
import dev.mailvault.server.cluster.RemoteBackups;
import dev.mailvault.server.cluster.RemoteExports;
import dev.mailvault.server.cluster.RemoteVaultFiles;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.server.dkim.DkimKeySealer;
import dev.mailvault.server.dkim.DkimKeySource;
import dev.mailvault.server.dkim.DkimSigningOutbox;
import dev.mailvault.server.dns.DnsResolvers;
import dev.mailvault.server.http.HealthMonitor;
import dev.mailvault.server.http.HttpListener;
import dev.mailvault.server.http.Readiness;
import dev.mailvault.server.metrics.NodeMetrics;
import dev.mailvault.server.outbound.DirectoryMailboxes;
import dev.mailvault.server.outbound.NetworkDelivery;
import dev.mailvault.server.outbound.QueueAdminOperations;
import dev.mailvault.server.outbound.QueueSetup;
import dev.mailvault.server.outbound.WebhookSetup;
import dev.mailvault.server.tls.ServerTls;
import dev.mailvault.server.tls.TlsContexts;
import dev.mailvault.server.web.Routes;
import dev.mailvault.server.web.WebContext;
import dev.mailvault.server.web.WebDispatcher;
import dev.mailvault.server.web.WebSessions;
import dev.mailvault.server.web.WebSetup;
import dev.mailvault.sieve.server.ManageSieveServer;
import dev.mailvault.smtp.server.SmtpServer;
import dev.mailvault.smtp.server.SubmissionServer;
import dev.mailvault.smtp.session.AliasSieve;
import dev.mailvault.smtp.session.MxForwarding;
import dev.mailvault.smtp.session.SieveReplies;
import dev.mailvault.store.LocalDelivery;
import dev.mailvault.store.LocalMailAccess;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.backup.BackupTarget;
import dev.mailvault.store.spool.SpoolStore;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running node with every role in this process (DESIGN §2): it opens the data directory, starts
 * the listeners and closes everything, in reverse order, on {@link #close()}.
 */
public final class MailvaultNode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MailvaultNode.class);

  /** How stale a health answer may be. */
  private static final Duration HEALTH_INTERVAL = Duration.ofSeconds(5);

  /** Web worker threads: blocking work for the API and pages (ADR 0258). */
  private static final int WEB_WORKERS = 8;

  /** Web requests that may wait for a worker before new ones get 503. */
  private static final int WEB_QUEUE = 64;

  /** Live browser sessions beyond which logins are refused (ADR 0259). */
  private static final int MAX_WEB_SESSIONS = 10_000;

  /** How often the backup scheduler looks for vaults whose slot has passed. */
  private static final Duration BACKUP_TICK = Duration.ofMinutes(1);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final AdminOperations adminOperations = new AdminOperations();
  private final Directory directory;
  private final VaultStore vaults;
  private final HttpListener http;
  private final HttpListener https;
  private WebSessions sessions;
  private ImapServer imap;
  private SmtpServer smtp;
  private final ServerTls serverTls;
  private Pop3Server pop3;
  private ManageSieveServer manageSieve;
  private final OutboundQueue queue;
  private final Outbox outbox;

  /** The signing outbox, for the queue's local deliveries, which are wired before it exists. */
  private final AtomicReference<Outbox> signedOutbox = new AtomicReference<>();

  private SubmissionServer submission;

  /** A front-end's way to the primaries' admin operations; null unless the role is frontend. */
  private ClusterAdmin clusterAdmin;

  /** What {@code /metrics} shows (ADR 0256); closed last. */
  private final NodeMetrics metrics = new NodeMetrics();

  /** Whether every listener is bound: true once the last one is, false from {@link #close()}. */
  private final AtomicBoolean listenersUp = new AtomicBoolean();

  private MailvaultNode(Settings settings, Transmitter network, Clock webClock)
      throws MailvaultException, InterruptedException {
    // Before anything is opened, so a taken port is named by its setting.
    NodeRole role = NodeRole.of(settings);
    ListenerPorts.requireFree(settings, Setting.HTTP_PORT, Setting.HTTPS_PORT);
    if (role.servesClients()) {
      ListenerPorts.requireFree(
          settings,
          Setting.IMAP_PORT,
          Setting.IMAPS_PORT,
          Setting.SMTP_PORT,
          Setting.POP3_PORT,
          Setting.POP3S_PORT,
          Setting.SUBMISSION_PORT,
          Setting.SUBMISSIONS_PORT);
      if (settings.bool(Setting.MANAGESIEVE_ENABLED)) {
        ListenerPorts.requireFree(settings, Setting.MANAGESIEVE_PORT);
      }
    }
    if (role == NodeRole.PRIMARY) {
      ListenerPorts.requireFree(settings, Setting.CLUSTER_PORT);
    }
    resources.push(metrics);
    try {
      DataLayout layout = DataLayout.open(settings);
      layout.emptyStaging();
      // Opening the directory applies its migrations; vaults migrate as each one is opened.
      directory = Directories.open(layout, settings);
      resources.push(directory);
      OutboundKeys keys =
          OutboundKeys.openOrCreate(
              layout.outboundKey(), layout.root(), Optional.ofNullable(settings.serverKeyFile()));
      resources.push(keys);
      // ADR 0241: the SRS key derives from the outbound secret; the codec keeps its own copy.
      SrsCodec srs;
      try (SecretBytes srsKey = keys.srsKey()) {
        srs =
            new SrsCodec(
                srsKey,
                Clock.systemUTC(),
                (int) Math.min(settings.positiveLong(Setting.SRS_MAX_AGE_DAYS), 1023));
      }
      EventLoopGroup loops = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
      // Listeners are closed first, so no quiet period is needed for new work to drain.
      resources.push(() -> loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly());
      // A front-end reaches the vaults' primaries, a primary the other primaries (its queue
      // delivers to vaults another one owns) over the cluster's RPC (DESIGN §2).
      ClusterLinks links =
          role == NodeRole.ALL ? null : ClusterLinks.open(layout, settings, loops, directory);
      if (links != null) {
        resources.push(links);
      }
      BackupService backups = null;
      SpoolStore spool = null;
      VaultFiles vaultFiles = null;
      ExportJobs exports = null;
      MailAccess mail;
      MailDelivery delivery;
      Outbox rawOutbox;
      if (role.storesMail()) {
        vaults = Vaults.open(layout, settings);
        vaults.setMetrics(metrics.mail());
        resources.push(vaults);
        BackupTarget backupTarget = BackupSetup.target(layout, settings);
        resources.push(backupTarget);
        backups = BackupSetup.service(layout, settings, directory, vaults, backupTarget);
        backups.setOutcomes(metrics.backups());
        if (settings.bool(Setting.BACKUP_SCHEDULE)) {
          BackupScheduler scheduler = new BackupScheduler(backups, vaults, Clock.systemUTC());
          scheduler.start(BACKUP_TICK);
          resources.push(scheduler);
        }
        BackupAdminOperations.register(adminOperations, directory, backups, vaults);
        // One spool store for deliveries, drains and purges: a purge closes the segment it
        // removes.
        spool = new SpoolStore(layout.spool());
        resources.push(spool);
        PurgeAdminOperation.register(adminOperations, directory, vaults, spool, backupTarget);
        // A front-end creates and deletes an alias's files through these (ADR 0286).
        vaultFiles = VaultFiles.local(directory, vaults, spool);
        VaultAdminOperations.register(adminOperations, vaultFiles);
        // Exports run where the vault is: for this node's web, or a front-end's (ADR 0286).
        exports = new ExportJobs(directory, vaults, spool, exportArea(layout), Clock.systemUTC());
        resources.push(exports);
        resources.push(ExportAdminOperations.register(adminOperations, exports, Clock.systemUTC()));
        // One delivery for the MX and the queue: both find the vaults that sessions hold open.
        LocalDelivery local =
            new LocalDelivery(vaults, spool, directory::quotaLedger, metrics.mail());
        mail = new LocalMailAccess(vaults, spool);
        delivery = local;
        if (network instanceof AutoCloseable closeable) {
          // Closed after the queue: its connections kept open for reuse (ADR 0231) end with QUIT.
          resources.push(closeable);
        }
        // A primary's queue delivers through the vault's owner, which may be another primary.
        queue =
            openQueue(
                layout, settings, keys, links == null ? local : links.delivery(), network, srs);
        resources.push(queue);
        metrics.watchQueue(queue, Clock.systemUTC());
        // Signed once, as it is queued (ADR 0207): a retry sends the same bytes.
        SecretBytes dkimKey = keys.dkimKey();
        resources.push(dkimKey);
        outbox =
            new DkimSigningOutbox(
                queue,
                new DkimKeySource(directory, new DkimKeySealer(dkimKey)),
                new DkimSigner(Clock.systemUTC()));
        signedOutbox.set(outbox);
        rawOutbox = queue;
        QueueAdminOperations.register(adminOperations, queue);
        if (role == NodeRole.PRIMARY) {
          resources.push(
              links.serve(
                  vaults,
                  spool,
                  mail,
                  local,
                  outbox,
                  queue,
                  id -> directory.quotaLedger(id),
                  adminOperations));
        }
      } else {
        if (network instanceof AutoCloseable closeable) {
          resources.push(closeable);
        }
        vaults = null;
        queue = null;
        clusterAdmin = links.admin();
        mail = links.mail();
        delivery = links.delivery();
        outbox = links.signedOutbox();
        rawOutbox = links.rawOutbox();
        signedOutbox.set(outbox);
      }
      // The admin socket closes before the vaults, so no admin operation outlives them.
      resources.push(AdminSocketServer.start(layout.adminSocket(), adminOperations));
      LOG.info("admin socket at {}", layout.adminSocket());
      serverTls = TlsContexts.start(layout, settings);
      resources.push(serverTls);
      SslContext tls = serverTls.context();
      HealthMonitor health =
          new HealthMonitor(layout::problem, serverTls::expiryWarning, HEALTH_INTERVAL);
      resources.push(health);
      String bind = settings.get(Setting.BIND);
      // HTTP last: /healthz answers only once every listener is up.
      // The security log carries the metrics to every protocol's shared runtime (ADR 0256).
      SecurityLog securityLog = securityLog(layout, metrics);
      // One throttle for every protocol with logins: a guesser's failures count wherever it
      // tries (ADR 0171), on every front-end of a cluster (ADR 0282).
      LoginThrottle logins = LoginThrottles.create(settings, directory, Clock.systemUTC());
      DnsClient dns = DnsResolvers.client(settings);
      if (role.servesClients()) {
        startListeners(
            loops,
            settings,
            tls,
            layout,
            mail,
            delivery,
            rawOutbox,
            srs,
            securityLog,
            logins,
            dns,
            bind);
      } else {
        imap = null;
        smtp = null;
        submission = null;
        pop3 = null;
        manageSieve = null;
      }
      listenersUp.set(true);
      // ADR 0257: the directory read runs on the monitor's thread; /readyz answers from memory.
      HealthMonitor readiness =
          new HealthMonitor(new Readiness(listenersUp::get, directory::account), HEALTH_INTERVAL);
      resources.push(readiness);
      // ADR 0258: the web features reach the same state the mail listeners use.
      sessions =
          new WebSessions(
              webClock,
              Duration.ofMinutes(settings.positiveLong(Setting.HTTP_SESSION_IDLE_MINUTES)),
              Duration.ofHours(settings.positiveLong(Setting.HTTP_SESSION_HOURS)),
              MAX_WEB_SESSIONS);
      resources.push(sessions);
      ScheduledExecutorService sweeper =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "web-session-sweeper");
                t.setDaemon(true);
                return t;
              });
      sweeper.scheduleWithFixedDelay(sessions::sweep, 30, 30, TimeUnit.SECONDS);
      resources.push(sweeper::shutdownNow);
      WebDispatcher dispatcher;
      AtomicReference<HttpListener> httpsRef = new AtomicReference<>();
      if (role == NodeRole.PRIMARY) {
        // A primary runs no client-facing listener (issue 18): its HTTP(S) answers health,
        // readiness and metrics, for the operator (ADR 0285).
        dispatcher = new WebDispatcher(new Routes(), new Routes(), 1, WEB_QUEUE);
      } else {
        // ADR 0286: a front-end's web features are the same pages and API over the primaries'
        // vault files, backups, exports and queue.
        WebContext web =
            new WebContext(
                settings,
                layout,
                directory,
                role == NodeRole.ALL ? vaultFiles : new RemoteVaultFiles(clusterAdmin),
                role == NodeRole.ALL ? backups : new RemoteBackups(clusterAdmin, directory),
                role == NodeRole.ALL
                    ? QueueOperations.live(queue)
                    : new ClusterQueueOperations(clusterAdmin),
                adminOperations,
                keys,
                dns,
                logins,
                securityLog,
                health,
                sessions,
                role == NodeRole.ALL ? exports : new RemoteExports(clusterAdmin, directory),
                webClock);
        dispatcher =
            new WebDispatcher(
                WebSetup.secureRoutes(web),
                WebSetup.plainRoutes(web, () -> httpsRef.get().address().getPort()),
                WEB_WORKERS,
                WEB_QUEUE);
      }
      resources.push(dispatcher);
      https =
          HttpListener.start(
              loops,
              bind,
              settings.port(Setting.HTTPS_PORT),
              tls,
              health,
              readiness,
              metrics,
              dispatcher);
      httpsRef.set(https);
      resources.push(https);
      LOG.info("https listening on {}:{}", bind, https.address().getPort());
      http =
          HttpListener.start(
              loops,
              bind,
              settings.port(Setting.HTTP_PORT),
              null,
              health,
              readiness,
              metrics,
              dispatcher);
      resources.push(http);
      LOG.info("http listening on {}:{}", bind, http.address().getPort());
    } catch (MailvaultException | InterruptedException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The client-facing listeners of a node with every role or a front-end (DESIGN §2, §6). */
  private void startListeners(
      EventLoopGroup loops,
      Settings settings,
      SslContext tls,
      DataLayout layout,
      MailAccess mail,
      MailDelivery delivery,
      Outbox rawOutbox,
      SrsCodec srs,
      SecurityLog securityLog,
      LoginThrottle logins,
      DnsClient dns,
      String bind)
      throws MailvaultException, InterruptedException {
    // One budget for IMAP and SMTP: unfinished input from any listener counts (ADR 0166).
    SpillArea spillArea = SpillAreas.open(layout, settings);
    // rspamd at the MX, and the learner IMAP sessions and Sieve teach (ADR 0254, 0255).
    SpamSetup.Spam spam = SpamSetup.from(settings, SmtpListeners.hostname(settings));
    spam.learner().ifPresent(resources::push);
    spam.filter().ifPresent(metrics::watchSpamFilter);
    imap =
        ImapListeners.start(
            loops, settings, tls, directory, mail, securityLog, spillArea, logins, spam.learning());
    resources.push(imap);
    LOG.info("imap listening on {}:{} (STARTTLS)", bind, imap.port());
    LOG.info("imaps listening on {}:{}", bind, imap.tlsPort());
    // The same delivery as the queue's: it finds the vaults that sessions hold open.
    smtp =
        SmtpListeners.start(
            loops,
            settings,
            tls,
            directory,
            delivery,
            securityLog,
            spillArea,
            InboundAuthentications.of(settings, dns),
            // Forwarded copies go to the queue as they arrived: no signature of ours (ADR 0240);
            // Sieve's replies are the alias's own messages, signed as submission's are.
            Optional.of(
                new MxForwarding(
                    rawOutbox,
                    outbox,
                    srs,
                    (int)
                        Math.min(
                            settings.positiveLong(Setting.SMTP_MAX_RECEIVED), Integer.MAX_VALUE))),
            spam.filter(),
            spam.learning());
    resources.push(smtp);
    LOG.info("smtp listening on {}:{}", bind, smtp.port());
    submission =
        SubmissionListeners.start(
            loops, settings, tls, directory, outbox, securityLog, logins, spillArea);
    resources.push(submission);
    LOG.info("submission listening on {}:{} (STARTTLS)", bind, submission.port());
    LOG.info("submissions listening on {}:{}", bind, submission.tlsPort());
    // The same mail access as IMAP: a POP3 login drains the spool as IMAP's does.
    pop3 = Pop3Listeners.start(loops, settings, tls, directory, mail, securityLog, logins);
    resources.push(pop3);
    LOG.info("pop3 listening on {}:{} (STLS)", bind, pop3.port());
    LOG.info("pop3s listening on {}:{}", bind, pop3.tlsPort());
    // Scripts live in the directory: ManageSieve needs no vault (ADR 0249).
    manageSieve =
        ManageSieveListeners.start(loops, settings, tls, directory, securityLog, logins)
            .orElse(null);
    if (manageSieve != null) {
      resources.push(manageSieve);
      LOG.info("managesieve listening on {}:{} (STARTTLS)", bind, manageSieve.port());
    }
  }

  /**
   * The outbound queue (ADR 0201): sealed under the queue key, which derives from the node's
   * outbound secret; it resumes whatever a previous run left in it.
   */
  private OutboundQueue openQueue(
      DataLayout layout,
      Settings settings,
      OutboundKeys keys,
      MailDelivery delivery,
      Transmitter network,
      SrsCodec srs)
      throws ConfigException {
    AtomicReference<Outbox> self = new AtomicReference<>();
    DirectoryMailboxes mailboxes =
        new DirectoryMailboxes(
            directory,
            delivery,
            SmtpListeners.postmaster(settings),
            Optional.of(
                new DirectoryMailboxes.Forwarding(
                    srs,
                    self::get,
                    (int)
                        Math.min(
                            settings.positiveLong(Setting.SMTP_MAX_RECEIVED), Integer.MAX_VALUE))),
            // ADR 0252: mail between our own users is filtered as mail from outside is; its
            // vacation replies are signed, through the outbox the node builds after the queue.
            Optional.of(
                new DirectoryMailboxes.LocalSieve(
                    new AliasSieve(Clock.systemUTC()),
                    new SieveReplies(
                        directory,
                        () -> Optional.ofNullable(signedOutbox.get()),
                        Clock.systemUTC(),
                        SmtpListeners.hostname(settings)))));
    try {
      OutboundQueue opened =
          OutboundQueue.open(
              layout.queue(),
              keys.queueKey(),
              mailboxes,
              network,
              WebhookSetup.transmitter(settings, directory),
              QueueSetup.settings(settings, SmtpListeners.hostname(settings)),
              Clock.systemUTC());
      self.set(opened);
      LOG.info("outbound queue in {}: {} items", layout.queue(), opened.size());
      return opened;
    } catch (IOException e) {
      throw new ConfigException("cannot open the outbound queue in " + layout.queue() + ": " + e);
    }
  }

  /**
   * Where exports wait for their download (ADR 0262): the temp folder, which a node without client
   * listeners has no spill area to make.
   */
  private static Path exportArea(DataLayout layout) throws ConfigException {
    try {
      Path temp = OwnerOnly.createDirectories(layout.temp());
      // An earlier run's exports were sealed under keys that died with it: nobody can open them,
      // they only take space (a primary opens no spill area, which would clear them too).
      try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(temp, "export-*")) {
        for (Path leftover : leftovers) {
          Files.deleteIfExists(leftover);
        }
      }
      return temp;
    } catch (IOException e) {
      throw new ConfigException("cannot use " + layout.temp() + ": " + e.getMessage());
    }
  }

  /** The security log names logins under a key kept in the data directory (ADR 0172). */
  private static SecurityLog securityLog(DataLayout layout, NodeMetrics metrics)
      throws ConfigException {
    try {
      return new SecurityLog(LoginHasher.openOrCreate(layout.securityLogKey()), metrics.mail());
    } catch (IOException e) {
      throw new ConfigException("cannot use " + layout.securityLogKey() + ": " + e.getMessage());
    }
  }

  /**
   * Opens the data directory and starts every listener; fails without leaving anything open. Mail
   * for other domains goes out over SMTP ({@link NetworkDelivery}: {@code dns.resolvers}, {@code
   * outbound.smtp-port}).
   */
  public static MailvaultNode start(Settings settings)
      throws MailvaultException, InterruptedException {
    return start(settings, NetworkDelivery.fromSettings(settings));
  }

  /** {@link #start(Settings)} with {@code network} delivering to every domain not served here. */
  public static MailvaultNode start(Settings settings, Transmitter network)
      throws MailvaultException, InterruptedException {
    return new MailvaultNode(settings, network, Clock.systemUTC());
  }

  /**
   * {@link #start(Settings)} with the web's clock given: browser sessions expire and two-factor
   * codes are checked by it (tests move it instead of waiting).
   */
  public static MailvaultNode start(Settings settings, Clock webClock)
      throws MailvaultException, InterruptedException {
    return new MailvaultNode(settings, NetworkDelivery.fromSettings(settings), webClock);
  }

  /** The browser sessions of the console and My account (ADR 0259). */
  public WebSessions webSessions() {
    return sessions;
  }

  public Directory directory() {
    return directory;
  }

  public VaultStore vaults() {
    return vaults;
  }

  /** Where submission hands accepted mail: the outbound queue (ADR 0200). */
  public Outbox outbox() {
    return outbox;
  }

  /**
   * A front-end's way to the primaries' admin operations (ADR 0286); empty on a node that runs them
   * itself.
   */
  public Optional<ClusterAdmin> clusterAdmin() {
    return Optional.ofNullable(clusterAdmin);
  }

  /** The outbound queue itself, for its listing and tests. */
  public OutboundQueue outboundQueue() {
    return queue;
  }

  /** The operations of the admin socket; features may register more while the node runs. */
  public AdminOperations adminOperations() {
    return adminOperations;
  }

  public int imapPort() {
    return imap.port();
  }

  public int imapsPort() {
    return imap.tlsPort();
  }

  public int smtpPort() {
    return smtp.port();
  }

  public int submissionPort() {
    return submission.port();
  }

  public int submissionsPort() {
    return submission.tlsPort();
  }

  public int pop3Port() {
    return pop3.port();
  }

  public int pop3sPort() {
    return pop3.tlsPort();
  }

  /** The ManageSieve port, or -1 when {@code managesieve.enabled} is false. */
  public int manageSievePort() {
    return manageSieve == null ? -1 : manageSieve.port();
  }

  public int httpPort() {
    return http.address().getPort();
  }

  /** The bound HTTPS port (the console, My account, the API). */
  public int httpsPort() {
    return https.address().getPort();
  }

  /**
   * Reads the TLS certificate and key again (SIGHUP); new connections get them, open ones keep
   * theirs (ADR 0197).
   *
   * @return whether the new files were taken; if not, a WARN line says why
   */
  public boolean reloadTls() {
    return serverTls.reload();
  }

  @Override
  public void close() {
    listenersUp.set(false);
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        LOG.warn("error while stopping: {}", e.toString());
      }
    }
  }
}
