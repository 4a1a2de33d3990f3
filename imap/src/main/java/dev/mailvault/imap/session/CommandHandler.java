package dev.mailvault.imap.session;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.imap.codec.ImapCommand;

/**
 * Carries out one command on a worker thread, never on an event loop: it may block on the directory
 * or the mailbox. It writes its untagged responses and its tagged completion through the session. A
 * {@link MailvaultException} it throws becomes a tagged NO or BAD with the matching response code
 * ({@link ErrorResponses}).
 */
@FunctionalInterface
public interface CommandHandler<C extends ImapCommand> {

  void handle(C command, ImapSession session) throws MailvaultException;
}
