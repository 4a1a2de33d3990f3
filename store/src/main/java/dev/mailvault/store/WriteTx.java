package dev.mailvault.store;

import dev.mailvault.core.access.VaultEvent;
import dev.mailvault.store.sqlite.VaultConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * One write transaction in progress: the writer connection, the events to publish once it commits,
 * and what to undo outside SQLite (quota reservations) if it does not.
 */
final class WriteTx {

  private final VaultConnection connection;
  private final List<VaultEvent> events = new ArrayList<>();
  private final List<Runnable> afterCommit = new ArrayList<>();
  private final List<Runnable> onRollback = new ArrayList<>();

  WriteTx(VaultConnection connection) {
    this.connection = connection;
  }

  VaultConnection connection() {
    return connection;
  }

  /** Publishes {@code event} to the vault's listeners if, and once, the transaction commits. */
  void publish(VaultEvent event) {
    events.add(event);
  }

  /** Runs {@code action} after the commit, outside the writer lock. */
  void afterCommit(Runnable action) {
    afterCommit.add(action);
  }

  /** Runs {@code action} if the transaction rolls back. */
  void onRollback(Runnable action) {
    onRollback.add(action);
  }

  List<VaultEvent> events() {
    return events;
  }

  void runAfterCommit() {
    afterCommit.forEach(Runnable::run);
  }

  void runOnRollback() {
    onRollback.forEach(Runnable::run);
  }
}
