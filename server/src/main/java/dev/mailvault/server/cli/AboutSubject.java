package dev.mailvault.server.cli;

/**
 * A command that acts on one named thing (an address, a domain). Library messages do not repeat
 * the names they were given (so they can be logged); the CLI names it in front of the error.
 */
interface AboutSubject {

  /** The address or domain as the user typed it, or null when there is none. */
  String subject();
}
