package dev.mailvault.imap.handler;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.imap.codec.ImapCommand;
import dev.mailvault.imap.codec.ResponseCode;
import dev.mailvault.imap.codec.ResponseWriter;
import dev.mailvault.imap.session.ImapFailure;
import dev.mailvault.imap.session.ImapSession;
import java.util.List;

/**
 * GETQUOTA and GETQUOTAROOT (RFC 9208 §4.2, §4.3) with the STORAGE and MESSAGE resources. Every
 * folder of an alias shares one quota root, named {@code ""}, which exists while any limit applies
 * to the alias (ADR 0076). SETQUOTA is not offered: limits are the administrator's, so the command
 * is unknown and gets BAD (RFC 9208 §4.1 makes it optional, advertised as QUOTASET).
 */
final class QuotaCommands {

  static final String ROOT = "";

  private QuotaCommands() {}

  /** RFC 9208 §4.3: the roots of a mailbox, then the QUOTA of each. */
  static void getQuotaRoot(ImapCommand.GetQuotaRoot command, ImapSession session)
      throws MailvaultException {
    session.mailbox().folder(command.mailbox()); // NONEXISTENT for a missing mailbox
    List<QuotaResources.Resource> resources = resources(session);
    ResponseWriter line = session.writer().untagged().atom("QUOTAROOT ").mailbox(command.mailbox());
    if (!resources.isEmpty()) {
      line.sp().string(ROOT);
    }
    session.send(line.crlf());
    if (!resources.isEmpty()) {
      writeQuota(session, resources);
    }
    session.done(command.tag(), "GETQUOTAROOT completed");
  }

  /** RFC 9208 §4.2: a root that does not exist gets NO. */
  static void getQuota(ImapCommand.GetQuota command, ImapSession session)
      throws MailvaultException {
    List<QuotaResources.Resource> resources = resources(session);
    if (!command.root().equals(ROOT) || resources.isEmpty()) {
      throw ImapFailure.no(ResponseCode.NONEXISTENT, "No such quota root");
    }
    writeQuota(session, resources);
    session.done(command.tag(), "GETQUOTA completed");
  }

  private static List<QuotaResources.Resource> resources(ImapSession session) {
    return QuotaResources.of(session.services().directory(), session.user());
  }

  /** {@code * QUOTA "" (STORAGE 10 512 MESSAGE 1 1000)} (RFC 9208 §5). */
  private static void writeQuota(ImapSession session, List<QuotaResources.Resource> resources) {
    ResponseWriter line = session.writer().untagged().atom("QUOTA ").string(ROOT).atom(" (");
    boolean first = true;
    for (QuotaResources.Resource resource : resources) {
      if (!first) {
        line.sp();
      }
      first = false;
      line.atom(resource.name()).sp().number(resource.usage()).sp().number(resource.limit());
    }
    session.send(line.atom(")").crlf());
  }
}
