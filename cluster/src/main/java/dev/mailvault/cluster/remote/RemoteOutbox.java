package dev.mailvault.cluster.remote;

import dev.mailvault.cluster.rpc.RpcChannel;
import dev.mailvault.cluster.rpc.RpcRemoteException;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.Outbox;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Outbox} on a front-end: any primary queues the message (the queue's storage is shared). A
 * prepared message is committed or abandoned on the primary that prepared it: the front-end
 * remembers which, by the id it handed out.
 */
public final class RemoteOutbox implements Outbox {

  private static final Logger LOG = LoggerFactory.getLogger(RemoteOutbox.class);

  private final VaultRouter router;
  private final String submit;
  private final String prepare;
  private final Map<String, RpcChannel> prepared = new ConcurrentHashMap<>();

  /** The primary's outbox for submitted mail, which signs it there (ADR 0207). */
  public RemoteOutbox(VaultRouter router) {
    this(router, Calls.SUBMIT, Calls.PREPARE);
  }

  private RemoteOutbox(VaultRouter router, String submit, String prepare) {
    this.router = router;
    this.submit = submit;
    this.prepare = prepare;
  }

  /** The primary's queue as given: forwarded copies carry no signature of ours (ADR 0240). */
  public static RemoteOutbox asIs(VaultRouter router) {
    return new RemoteOutbox(router, Calls.SUBMIT_AS_IS, Calls.PREPARE_AS_IS);
  }

  @Override
  public String submit(OutboundMessage message) throws MailvaultException {
    return call(router.anyPrimary(), submit, message);
  }

  @Override
  public String prepare(OutboundMessage message) throws MailvaultException {
    RpcChannel primary = router.anyPrimary();
    String id = call(primary, prepare, message);
    prepared.put(id, primary);
    return id;
  }

  @Override
  public void commit(String id) throws MailvaultException {
    RpcChannel primary = prepared.get(id);
    if (primary == null) {
      throw new MailvaultException("no prepared message with that id");
    }
    try {
      Calls.call(primary, Calls.COMMIT, new WireWriter().writeString(id).toBytes());
    } catch (RpcRemoteException e) {
      // still held there: the caller abandons it
      throw Failures.local(e);
    }
    prepared.remove(id);
  }

  @Override
  public void abandon(String id) {
    RpcChannel primary = prepared.remove(id);
    if (primary == null) {
      return;
    }
    try {
      Calls.call(primary, Calls.ABANDON, new WireWriter().writeString(id).toBytes());
    } catch (MailvaultException e) {
      // the primary's queue drops what was never committed when it next starts
      LOG.debug("abandon on {} failed: {}", primary.peer(), e.getMessage());
    }
  }

  private static String call(RpcChannel primary, String method, OutboundMessage message)
      throws MailvaultException {
    WireWriter out = new WireWriter();
    Codecs.writeOutbound(out, message);
    try {
      return WireReader.decode(Calls.call(primary, method, out.toBytes()), WireReader::readString);
    } catch (RpcRemoteException e) {
      throw Failures.local(e);
    }
  }
}
