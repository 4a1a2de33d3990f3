package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Jdbc.queryAll;
import static dev.mailvault.directory.jdbc.Jdbc.queryOne;
import static dev.mailvault.directory.jdbc.Jdbc.update;
import static dev.mailvault.directory.jdbc.SharedQueries.alias;
import static dev.mailvault.directory.jdbc.SharedQueries.requireAlias;
import static dev.mailvault.directory.jdbc.SharedQueries.requireDomainId;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.address.InvalidAddressException;
import dev.mailvault.core.crypto.RandomIds;
import dev.mailvault.directory.AddedForward;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.DeliveryMode;
import dev.mailvault.directory.DirectoryException;
import dev.mailvault.directory.DirectoryStorageException;
import dev.mailvault.directory.DomainRouting;
import dev.mailvault.directory.ForwardTarget;
import dev.mailvault.directory.InvalidForwardTargetException;
import dev.mailvault.directory.UnknownAliasException;
import dev.mailvault.directory.UnknownDomainException;
import dev.mailvault.directory.WebhookDelivery;
import dev.mailvault.directory.WebhookTargetRecord;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Routing per alias and per domain (ADR 0240, 0243) in tables {@code aliases}, {@code
 * alias_forwards}, {@code domains} and {@code webhook_deliveries}. Each operation is one short
 * transaction.
 */
final class RoutingStorage {

  private static final int SECRET_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DirectoryDatabase db;
  private final Clock clock;

  RoutingStorage(DirectoryDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** The alias's route with its targets, read in one transaction. */
  Optional<AliasRoute> route(EmailAddress address) {
    return Optional.ofNullable(
        db.read(
            c -> {
              AliasRow row = alias(c, address);
              return row == null ? null : row.route(forwards(c, row.id()));
            }));
  }

  void setMode(EmailAddress address, DeliveryMode mode) throws UnknownAliasException {
    db.write(
        c ->
            update(
                c,
                DirectorySql.UPDATE_ALIAS_MODE,
                mode.name().toLowerCase(Locale.ROOT),
                now(),
                requireAlias(c, address).id()));
  }

  List<ForwardTarget> targets(EmailAddress address) throws UnknownAliasException {
    return db.read(c -> forwards(c, requireAlias(c, address).id()));
  }

  AddedForward add(EmailAddress address, String typed)
      throws UnknownAliasException, InvalidForwardTargetException {
    String target = ForwardTarget.normalise(typed);
    return db.write(
        c -> {
          long aliasId = requireAlias(c, address).id();
          ForwardTarget existing =
              queryOne(c, DirectorySql.FORWARD_BY_TARGET, RoutingStorage::target, aliasId, target);
          if (existing != null) {
            return new AddedForward(existing, false, Optional.empty());
          }
          ForwardTarget added = new ForwardTarget(RandomIds.hex(16), target);
          update(c, DirectorySql.INSERT_FORWARD, added.id(), aliasId, target, now());
          Optional<byte[]> secret = Optional.empty();
          if (added.isWebhook() && storedSecret(c, aliasId) == null) {
            secret = Optional.of(newSecret(c, aliasId));
          }
          return new AddedForward(added, true, secret);
        });
  }

  boolean remove(EmailAddress address, String targetOrId) throws UnknownAliasException {
    String target = targetOrId.trim();
    String normalised;
    try {
      normalised = ForwardTarget.normalise(target);
    } catch (InvalidForwardTargetException e) {
      normalised = target;
    }
    String asStored = normalised;
    return db.write(
        c ->
            update(c, DirectorySql.DELETE_FORWARD, requireAlias(c, address).id(), target, asStored)
                > 0);
  }

  byte[] rotateSecret(EmailAddress address) throws UnknownAliasException {
    return db.write(c -> newSecret(c, requireAlias(c, address).id()));
  }

  Optional<WebhookTargetRecord> webhookTarget(String targetId) {
    return Optional.ofNullable(
        db.read(
            c ->
                queryOne(
                    c,
                    DirectorySql.SELECT_WEBHOOK_TARGET,
                    rs -> {
                      String url = rs.getString(4);
                      byte[] secret = rs.getBytes(5);
                      if (!new ForwardTarget(rs.getString(1), url).isWebhook() || secret == null) {
                        return null;
                      }
                      return new WebhookTargetRecord(
                          rs.getString(1), address(rs.getString(2), rs.getString(3)), url, secret);
                    },
                    targetId)));
  }

  void record(WebhookDelivery delivery) {
    db.write(
        c ->
            update(
                c,
                DirectorySql.INSERT_WEBHOOK_DELIVERY,
                delivery.queueId(),
                delivery.targetId(),
                delivery.at().toString(),
                delivery.httpStatus().isPresent()
                    ? OptionalLong.of(delivery.httpStatus().getAsInt())
                    : OptionalLong.empty(),
                delivery.errorKind().orElse(null),
                delivery.outcome().name().toLowerCase(Locale.ROOT),
                delivery.alias().canonical()));
  }

  List<WebhookDelivery> deliveries(EmailAddress address, int limit) throws UnknownAliasException {
    return db.read(
        c ->
            queryAll(
                c,
                DirectorySql.LIST_WEBHOOK_DELIVERIES,
                rs -> {
                  long status = rs.getLong(4);
                  OptionalInt http =
                      rs.wasNull() ? OptionalInt.empty() : OptionalInt.of((int) status);
                  return new WebhookDelivery(
                      address,
                      rs.getString(1),
                      rs.getString(2),
                      Instant.parse(rs.getString(3)),
                      http,
                      Optional.ofNullable(rs.getString(5)),
                      WebhookDelivery.Outcome.valueOf(rs.getString(6).toUpperCase(Locale.ROOT)));
                },
                requireAlias(c, address).id(),
                Math.max(1, limit)));
  }

  void setCatchAll(DomainName domain, Optional<EmailAddress> alias)
      throws UnknownDomainException, UnknownAliasException {
    try {
      db.write(
          c -> {
            long domainId = requireDomainId(c, domain);
            OptionalLong aliasId =
                alias.isPresent()
                    ? OptionalLong.of(requireAlias(c, alias.get()).id())
                    : OptionalLong.empty();
            return update(c, DirectorySql.UPDATE_DOMAIN_CATCH_ALL, aliasId, domainId);
          });
    } catch (UnknownDomainException | UnknownAliasException e) {
      throw e;
    } catch (DirectoryException e) {
      throw new IllegalStateException(e);
    }
  }

  void setForward(DomainName domain, Optional<DomainName> target) throws UnknownDomainException {
    db.write(
        c ->
            update(
                c,
                DirectorySql.UPDATE_DOMAIN_FORWARD,
                target.map(DomainName::value).orElse(null),
                requireDomainId(c, domain)));
  }

  DomainRouting domainRouting(DomainName domain) {
    DomainRouting routing =
        db.read(
            c ->
                queryOne(
                    c,
                    DirectorySql.SELECT_DOMAIN_ROUTING,
                    rs ->
                        new DomainRouting(
                            rs.getString(1) == null
                                ? Optional.empty()
                                : Optional.of(address(rs.getString(1), rs.getString(2))),
                            Optional.ofNullable(rs.getString(3)).map(Rows::domainName)),
                    domain.value()));
    return routing == null ? DomainRouting.NONE : routing;
  }

  /** Deletes an alias's targets and webhook log, and stops any domain using it as catch-all. */
  static void forgetAlias(Connection c, long aliasId) throws SQLException {
    update(c, DirectorySql.DELETE_ALIAS_FORWARDS, aliasId);
    update(c, DirectorySql.DELETE_ALIAS_WEBHOOK_DELIVERIES, aliasId);
    update(c, DirectorySql.CLEAR_CATCH_ALL, aliasId);
  }

  /** Deletes the targets and webhook logs of every alias of a domain. */
  static void forgetDomainAliases(Connection c, long domainId) throws SQLException {
    update(c, DirectorySql.DELETE_DOMAIN_FORWARDS, domainId);
    update(c, DirectorySql.DELETE_DOMAIN_WEBHOOK_DELIVERIES, domainId);
  }

  private static List<ForwardTarget> forwards(Connection c, long aliasId) throws SQLException {
    return queryAll(c, DirectorySql.LIST_FORWARDS, RoutingStorage::target, aliasId);
  }

  private static ForwardTarget target(ResultSet rs) throws SQLException {
    return new ForwardTarget(rs.getString(1), rs.getString(2));
  }

  private static byte[] storedSecret(Connection c, long aliasId) throws SQLException {
    return queryOne(c, DirectorySql.SELECT_WEBHOOK_SECRET, rs -> rs.getBytes(1), aliasId);
  }

  private byte[] newSecret(Connection c, long aliasId) throws SQLException {
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    update(c, DirectorySql.UPDATE_WEBHOOK_SECRET, secret, now(), aliasId);
    return secret;
  }

  private static EmailAddress address(String localPart, String domain) {
    try {
      return EmailAddress.parse(localPart + "@" + domain);
    } catch (InvalidAddressException e) {
      throw new DirectoryStorageException("a stored address is malformed", e);
    }
  }

  private String now() {
    return clock.instant().toString();
  }
}
