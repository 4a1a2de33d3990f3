/**
 * The application layer: each operation an administrator or an alias owner can run, written once
 * and called by the CLI commands, the JSON API and the web pages (issue 17). Classes here take the
 * node's building blocks (directory, vaults, backups, queue, sessions) and return typed results;
 * how a result is shown (a table, JSON, HTML) is the caller's business.
 */
package dev.mailvault.server.app;
