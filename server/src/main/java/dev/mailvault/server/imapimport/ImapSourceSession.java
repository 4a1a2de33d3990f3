package dev.mailvault.server.imapimport;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import jakarta.mail.StoreClosedException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.ConnectionException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * One logged-in connection to the server mail is imported from, over Eclipse Angus Mail (ADR 0145):
 * Angus does the connection, TLS, STARTTLS, SASL, LIST and modified UTF-7; the two UID FETCH
 * commands that matter are sent at the protocol level, so the bytes of {@code BODY.PEEK[]} arrive
 * untouched (no MimeMessage in between) and many messages come in one round trip.
 *
 * <p>Read-only: folders are opened with EXAMINE and bodies fetched with PEEK, so not even {@code
 * \Seen} changes on the source. Not thread-safe; one import uses it at a time.
 */
public final class ImapSourceSession implements AutoCloseable {

  private static final long CONNECT_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(30);
  private static final long READ_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(2);

  private final ImapSourceAddress address;
  private final IMAPStore store;
  private IMAPFolder selected;

  private ImapSourceSession(ImapSourceAddress address, IMAPStore store) {
    this.address = address;
    this.store = store;
  }

  /**
   * Connects and logs in.
   *
   * @throws SourceConnectionException when the host cannot be reached, TLS fails, the login is
   *     refused, or the password would cross the network in clear
   */
  public static ImapSourceSession connect(
      ImapSourceAddress address, char[] password, SourceSecurity security)
      throws SourceConnectionException {
    String protocol = address.implicitTls() ? "imaps" : "imap";
    String p = "mail." + protocol + ".";
    Properties props = new Properties();
    props.put(p + "connectiontimeout", String.valueOf(CONNECT_TIMEOUT_MS));
    props.put(p + "timeout", String.valueOf(READ_TIMEOUT_MS));
    if (!address.implicitTls()) {
      // RFC 9051 §11.1 / RFC 8314 §3: TLS whenever offered; without it the password would cross
      // the network in clear, which only a loopback host or --insecure allows.
      props.put(p + "starttls.enable", "true");
      props.put(p + "starttls.required", String.valueOf(!security.allowsLoginWithoutTls(address)));
    }
    if (security.trustAnyCertificate()) {
      props.put(p + "ssl.trust", "*");
      props.put(p + "ssl.checkserveridentity", "false");
    } else {
      props.put(p + "ssl.checkserveridentity", "true");
    }
    try {
      IMAPStore store = (IMAPStore) Session.getInstance(props).getStore(protocol);
      store.connect(address.host(), address.port(), address.user(), new String(password));
      return new ImapSourceSession(address, store);
    } catch (NoSuchProviderException e) {
      throw new IllegalStateException("Angus Mail's IMAP provider is missing", e);
    } catch (MessagingException e) {
      throw connectFailure(address, e);
    }
  }

  /**
   * Every folder of the personal namespace (RFC 2342), INBOX first, then in the server's order;
   * folders of shared and other users' namespaces are not the user's mail and are left out.
   */
  public List<SourceFolder> folders() throws SourceConnectionException {
    try {
      Folder[] personal = store.getPersonalNamespaces();
      String personalPrefix = prefixOf(personal.length > 0 ? personal[0] : null);
      List<String> foreignPrefixes = new ArrayList<>();
      for (Folder ns : store.getSharedNamespaces()) {
        foreignPrefixes.add(prefixOf(ns));
      }
      for (Folder ns : store.getUserNamespaces(null)) {
        foreignPrefixes.add(prefixOf(ns));
      }
      FolderNameMapper mapper = new FolderNameMapper(personalPrefix);
      Map<String, SourceFolder> folders = new LinkedHashMap<>();
      folders.put("INBOX", null);
      for (Folder listed : store.getDefaultFolder().list("*")) {
        IMAPFolder folder = (IMAPFolder) listed;
        String name = folder.getFullName();
        if (foreignPrefixes.stream()
                .anyMatch(prefix -> !prefix.isEmpty() && name.startsWith(prefix))
            || (!personalPrefix.isEmpty() && name.equals(personalPrefix))) {
          continue;
        }
        List<String> attributes = Arrays.asList(folder.getAttributes());
        boolean selectable =
            attributes.stream()
                .noneMatch(
                    a -> a.equalsIgnoreCase("\\Noselect") || a.equalsIgnoreCase("\\NonExistent"));
        String target = mapper.map(name, folder.getSeparator());
        SourceFolder mapped = new SourceFolder(name, target, selectable, folder.isSubscribed());
        folders.put(target.equals("INBOX") ? "INBOX" : name, mapped);
      }
      if (folders.get("INBOX") == null) {
        folders.put("INBOX", new SourceFolder("INBOX", "INBOX", true, true));
      }
      return List.copyOf(folders.values());
    } catch (MessagingException e) {
      throw failure("list the folders", e);
    }
  }

  /**
   * Selects a folder read-only (EXAMINE, RFC 9051 §6.3.3) and lists its messages: one {@code UID
   * FETCH 1:* (UID RFC822.SIZE INTERNALDATE)}, no content.
   */
  public SourceListing examine(SourceFolder folder) throws SourceConnectionException {
    try {
      closeSelected();
      IMAPFolder imap = (IMAPFolder) store.getFolder(folder.sourceName());
      imap.open(Folder.READ_ONLY);
      selected = imap;
      long uidValidity = imap.getUIDValidity();
      List<SourceMessage> messages = new ArrayList<>();
      if (imap.getMessageCount() > 0) {
        for (FetchResponse fetch : uidFetch("1:*", "(UID RFC822.SIZE INTERNALDATE)")) {
          UID uid = fetch.getItem(UID.class);
          RFC822SIZE size = fetch.getItem(RFC822SIZE.class);
          INTERNALDATE date = fetch.getItem(INTERNALDATE.class);
          if (uid != null && size != null && date != null) {
            messages.add(new SourceMessage(uid.uid, size.size, toInstant(date)));
          }
        }
      }
      messages.sort((a, b) -> Long.compare(a.uid(), b.uid()));
      return new SourceListing(folder, uidValidity, List.copyOf(messages));
    } catch (MessagingException e) {
      throw failure("open " + folder.sourceName(), e);
    }
  }

  /**
   * Downloads messages of the folder last {@linkplain #examine examined}, in one {@code UID FETCH
   * set (UID FLAGS INTERNALDATE BODY.PEEK[])}. A UID the source no longer has (expunged meanwhile)
   * is simply absent from the result.
   */
  List<FetchedMessage> fetch(List<Long> uids) throws SourceConnectionException {
    if (uids.isEmpty()) {
      return List.of();
    }
    try {
      List<FetchedMessage> fetched = new ArrayList<>(uids.size());
      for (FetchResponse fetch :
          uidFetch(UidRanges.of(uids), "(UID FLAGS INTERNALDATE BODY.PEEK[])")) {
        UID uid = fetch.getItem(UID.class);
        BODY body = fetch.getItem(BODY.class);
        FLAGS flags = fetch.getItem(FLAGS.class);
        INTERNALDATE date = fetch.getItem(INTERNALDATE.class);
        if (uid == null || body == null || flags == null || date == null) {
          continue; // an unsolicited FETCH (a flag change announced meanwhile), not our answer
        }
        ByteArray bytes = body.getByteArray();
        byte[] raw =
            bytes == null
                ? new byte[0]
                : Arrays.copyOfRange(
                    bytes.getBytes(), bytes.getStart(), bytes.getStart() + bytes.getCount());
        SourceFlags.Converted converted = SourceFlags.convert(flags);
        fetched.add(
            new FetchedMessage(
                uid.uid, raw, converted.flags(), converted.droppedKeywords(), toInstant(date)));
      }
      return fetched;
    } catch (MessagingException e) {
      throw failure("download messages", e);
    }
  }

  private List<FetchResponse> uidFetch(String set, String items) throws MessagingException {
    Object answer =
        selected.doCommand(
            protocol -> {
              Response[] responses = protocol.command("UID FETCH " + set + " " + items, null);
              // The last response is the tagged one (or a BYE): NO, BAD and BYE throw here.
              protocol.handleResult(responses[responses.length - 1]);
              List<FetchResponse> fetches = new ArrayList<>();
              for (Response response : responses) {
                if (response instanceof FetchResponse) {
                  fetches.add((FetchResponse) response);
                }
              }
              return fetches;
            });
    @SuppressWarnings("unchecked")
    List<FetchResponse> fetches = (List<FetchResponse>) answer;
    return fetches;
  }

  private static Instant toInstant(INTERNALDATE date) {
    // Mailvault keeps INTERNALDATE to the second (RFC 9051 §2.3.3 has no finer unit).
    return Instant.ofEpochSecond(date.getDate().getTime() / 1000);
  }

  private static String prefixOf(Folder namespace) throws MessagingException {
    if (namespace == null || namespace.getFullName().isEmpty()) {
      return "";
    }
    char delimiter = namespace.getSeparator();
    String name = namespace.getFullName();
    return delimiter == 0 || name.charAt(name.length() - 1) == delimiter ? name : name + delimiter;
  }

  private void closeSelected() {
    if (selected != null && selected.isOpen()) {
      try {
        selected.close(false);
      } catch (MessagingException e) {
        // The next EXAMINE replaces the selection anyway; a connection problem shows there.
      }
    }
    selected = null;
  }

  @Override
  public void close() {
    closeSelected();
    try {
      store.close();
    } catch (MessagingException e) {
      // LOGOUT on a connection that is already gone: nothing left to release.
    }
  }

  private static SourceConnectionException connectFailure(
      ImapSourceAddress address, MessagingException e) {
    if (e instanceof AuthenticationFailedException) {
      String said = e.getMessage() == null ? "" : ": " + e.getMessage().trim();
      return new SourceConnectionException(
          "the source server refused the login of " + address.user() + said, e);
    }
    Throwable cause = rootCause(e);
    if (e instanceof MailConnectException || cause instanceof UnknownHostException) {
      String reason =
          cause instanceof UnknownHostException
              ? "unknown host"
              : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      return new SourceConnectionException(
          "cannot connect to " + address.host() + ":" + address.port() + ": " + reason, e);
    }
    SSLException tls = causeOf(e, SSLException.class);
    if (tls != null) {
      // A certificate the JDK's trust store does not vouch for fails deep in the cause chain
      // (CertPathBuilderException, CertificateException), with a message that names classes.
      String reason =
          causeOf(e, GeneralSecurityException.class) != null
              ? "its certificate is not signed by an authority this machine trusts"
              : tls.getMessage();
      return new SourceConnectionException(
          "TLS with "
              + address.host()
              + " failed ("
              + reason
              + "); for a test server's self-signed certificate, add --trust-any-certificate",
          e);
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.contains("STARTTLS")) {
      return new SourceConnectionException(
          address.host()
              + " offers no STARTTLS, and the password is not sent in clear to another machine;"
              + " use imaps:// or, on a network you trust, --insecure",
          e);
    }
    return failure("log in", e, address);
  }

  private SourceConnectionException failure(String doing, MessagingException e) {
    if (!store.isConnected()) {
      // Angus opens a folder on a pooled connection and reports a failed reconnect as a bare
      // "connection failure" without a cause: whether the server is still there tells.
      return lost(doing, e, address);
    }
    return failure(doing, e, address);
  }

  private static SourceConnectionException lost(
      String doing, MessagingException e, ImapSourceAddress address) {
    return new SourceConnectionException(
        "lost the connection to "
            + address.host()
            + " while trying to "
            + doing
            + "; run the import again to resume",
        e);
  }

  private static SourceConnectionException failure(
      String doing, MessagingException e, ImapSourceAddress address) {
    Throwable cause = rootCause(e);
    if (e instanceof FolderClosedException
        || e instanceof StoreClosedException
        || cause instanceof ConnectionException
        || cause instanceof SocketTimeoutException
        || cause instanceof IOException) {
      return lost(doing, e, address);
    }
    String said = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().trim();
    return new SourceConnectionException("the source server could not " + doing + ": " + said, e);
  }

  private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }
}
