package dev.mailvault.server.app;

import dev.mailvault.core.error.MailvaultException;

/**
 * A collaborator made only when an operation needs it: the CLI opens the outbound keys or a DNS
 * client for the one command that uses them, a running node hands over what it holds.
 */
@FunctionalInterface
public interface Lazy<T> {
  T get() throws MailvaultException;
}
