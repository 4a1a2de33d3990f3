package dev.mailvault.directory.jdbc;

/**
 * Every SQL statement of the directory, in one place and in SQL that SQLite and PostgreSQL both run
 * unchanged ({@code INSERT ... RETURNING}, {@code CASE}, {@code ||}); the schema is in the
 * migrations beside this package's resources.
 */
final class DirectorySql {

  private DirectorySql() {}

  // Accounts

  static final String ACCOUNT_ID_BY_NAME = "SELECT id FROM accounts WHERE name = ?";

  static final String INSERT_ACCOUNT =
      "INSERT INTO accounts (name, used_bytes, used_messages, created_at) VALUES (?, 0, 0, ?)"
          + " RETURNING id";

  static final String SELECT_ACCOUNT =
      "SELECT name, quota_bytes, quota_messages, used_bytes, used_messages FROM accounts"
          + " WHERE id = ?";

  static final String UPDATE_ACCOUNT_QUOTA =
      "UPDATE accounts SET quota_bytes = ?, quota_messages = ? WHERE id = ?";

  // Domains

  private static final String DOMAIN_COLUMNS =
      "d.id, d.name, d.quota_bytes, d.quota_messages, d.used_bytes, d.used_messages,"
          + " d.created_at, (SELECT COUNT(*) FROM aliases a WHERE a.domain_id = d.id)";

  static final String INSERT_DOMAIN =
      "INSERT INTO domains (account_id, name, used_bytes, used_messages, created_at)"
          + " VALUES (?, ?, 0, 0, ?)";

  static final String SELECT_DOMAIN =
      "SELECT " + DOMAIN_COLUMNS + " FROM domains d WHERE d.name = ?";

  static final String DOMAIN_EXISTS = "SELECT 1 FROM domains WHERE name = ?";

  static final String LIST_DOMAINS = "SELECT " + DOMAIN_COLUMNS + " FROM domains d ORDER BY d.name";

  static final String DELETE_DOMAIN = "DELETE FROM domains WHERE id = ?";

  static final String UPDATE_DOMAIN_QUOTA =
      "UPDATE domains SET quota_bytes = ?, quota_messages = ? WHERE name = ?";

  // DKIM keys

  private static final String DKIM_COLUMNS =
      "selector, algorithm, public_key, sealed_private_key, created_at, state, retired_at";

  static final String LIST_DKIM_KEYS =
      "SELECT " + DKIM_COLUMNS + " FROM dkim_keys WHERE domain_id = ? ORDER BY id";

  static final String INSERT_DKIM_KEY =
      "INSERT INTO dkim_keys (domain_id, " + DKIM_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  static final String RETIRE_DKIM_KEYS =
      "UPDATE dkim_keys SET state = 'retired', retired_at = ? WHERE domain_id = ?"
          + " AND state = 'active'";

  static final String DELETE_DKIM_KEY =
      "DELETE FROM dkim_keys WHERE domain_id = ? AND selector = ?";

  static final String DELETE_DOMAIN_DKIM_KEYS = "DELETE FROM dkim_keys WHERE domain_id = ?";

  // Aliases

  private static final String ALIAS_COLUMNS =
      "a.id, a.domain_id, a.local_part, d.name, a.vault_id, a.key_generation, a.kdf_params,"
          + " a.kdf_salt, a.wrapped_data_key, a.spool_public_key, a.wrapped_spool_private_key,"
          + " a.enabled, a.quota_bytes, a.quota_messages, a.used_bytes, a.used_messages,"
          + " a.created_at, a.updated_at, a.delivery_mode";

  private static final String ALIAS_FROM = " FROM aliases a JOIN domains d ON d.id = a.domain_id";

  static final String SELECT_ALIAS =
      "SELECT " + ALIAS_COLUMNS + ALIAS_FROM + " WHERE a.address_canonical = ?";

  static final String ALIAS_EXISTS = "SELECT 1 FROM aliases WHERE address_canonical = ?";

  static final String VAULT_EXISTS = "SELECT 1 FROM aliases WHERE vault_id = ?";

  static final String LIST_ALIASES =
      "SELECT " + ALIAS_COLUMNS + ALIAS_FROM + " ORDER BY d.name, a.address_canonical";

  static final String LIST_DOMAIN_ALIASES =
      "SELECT "
          + ALIAS_COLUMNS
          + ALIAS_FROM
          + " WHERE a.domain_id = ? ORDER BY a.address_canonical";

  static final String INSERT_ALIAS =
      "INSERT INTO aliases (domain_id, local_part, address_canonical, vault_id, key_generation,"
          + " kdf_params, kdf_salt, wrapped_data_key, spool_public_key, wrapped_spool_private_key,"
          + " enabled, used_bytes, used_messages, created_at, updated_at)"
          + " VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)";

  static final String INSERT_SEND_AS =
      "INSERT INTO alias_send_as (alias_id, address_canonical, address, created_at)"
          + " VALUES (?, ?, ?, ?)";

  static final String SEND_AS_EXISTS =
      "SELECT 1 FROM alias_send_as WHERE alias_id = ? AND address_canonical = ?";

  static final String DELETE_SEND_AS =
      "DELETE FROM alias_send_as WHERE alias_id = ? AND address_canonical = ?";

  static final String LIST_SEND_AS =
      "SELECT address FROM alias_send_as WHERE alias_id = ? ORDER BY address_canonical";

  static final String DELETE_ALIAS_SEND_AS = "DELETE FROM alias_send_as WHERE alias_id = ?";

  static final String DELETE_DOMAIN_SEND_AS =
      "DELETE FROM alias_send_as WHERE alias_id IN (SELECT id FROM aliases WHERE domain_id = ?)";

  static final String DELETE_ALIAS = "DELETE FROM aliases WHERE id = ?";

  static final String VACATION_QUIET_UNTIL =
      "SELECT quiet_until FROM sieve_vacation_replies WHERE alias_id = ? AND reply_key = ?";

  static final String INSERT_VACATION_REPLY =
      "INSERT INTO sieve_vacation_replies (alias_id, reply_key, quiet_until) VALUES (?, ?, ?)";

  static final String DELETE_QUIET_VACATION_REPLIES =
      "DELETE FROM sieve_vacation_replies WHERE alias_id = ? AND quiet_until <= ?";

  static final String DELETE_ALIAS_VACATION_REPLIES =
      "DELETE FROM sieve_vacation_replies WHERE alias_id = ?";

  static final String DELETE_DOMAIN_VACATION_REPLIES =
      "DELETE FROM sieve_vacation_replies WHERE alias_id IN"
          + " (SELECT id FROM aliases WHERE domain_id = ?)";

  static final String DELETE_DOMAIN_ALIASES = "DELETE FROM aliases WHERE domain_id = ?";

  static final String UPDATE_ALIAS_ENABLED =
      "UPDATE aliases SET enabled = ?, updated_at = ? WHERE address_canonical = ?";

  static final String UPDATE_ALIAS_QUOTA =
      "UPDATE aliases SET quota_bytes = ?, quota_messages = ?, updated_at = ?"
          + " WHERE address_canonical = ?";

  /** A password change: only the wrap of the data key changes. Guarded by the generation. */
  static final String UPDATE_ALIAS_PASSWORD =
      "UPDATE aliases SET kdf_params = ?, kdf_salt = ?, wrapped_data_key = ?,"
          + " key_generation = key_generation + 1, updated_at = ?"
          + " WHERE id = ? AND key_generation = ?";

  /** A password reset: new vault, keys and empty usage. Guarded by the generation. */
  static final String UPDATE_ALIAS_RESET =
      "UPDATE aliases SET vault_id = ?, kdf_params = ?, kdf_salt = ?, wrapped_data_key = ?,"
          + " spool_public_key = ?, wrapped_spool_private_key = ?, used_bytes = 0,"
          + " used_messages = 0, key_generation = key_generation + 1, updated_at = ?"
          + " WHERE id = ? AND key_generation = ?";

  // Sieve scripts (ADR 0249)

  static final String LIST_SIEVE_SCRIPTS =
      "SELECT name, active, script, updated_at FROM sieve_scripts WHERE alias_id = ?"
          + " ORDER BY name";

  static final String SELECT_SIEVE_SCRIPT =
      "SELECT script FROM sieve_scripts WHERE alias_id = ? AND name = ?";

  static final String COUNT_SIEVE_SCRIPTS = "SELECT COUNT(*) FROM sieve_scripts WHERE alias_id = ?";

  static final String INSERT_SIEVE_SCRIPT =
      "INSERT INTO sieve_scripts (alias_id, name, script, active, created_at, updated_at)"
          + " VALUES (?, ?, ?, ?, ?, ?)";

  static final String UPDATE_SIEVE_SCRIPT =
      "UPDATE sieve_scripts SET script = ?, updated_at = ? WHERE alias_id = ? AND name = ?";

  static final String DEACTIVATE_SIEVE_SCRIPTS =
      "UPDATE sieve_scripts SET active = ? WHERE alias_id = ? AND active";

  static final String ACTIVATE_SIEVE_SCRIPT =
      "UPDATE sieve_scripts SET active = ? WHERE alias_id = ? AND name = ?";

  static final String SIEVE_SCRIPT_IS_ACTIVE =
      "SELECT active FROM sieve_scripts WHERE alias_id = ? AND name = ?";

  static final String RENAME_SIEVE_SCRIPT =
      "UPDATE sieve_scripts SET name = ?, updated_at = ? WHERE alias_id = ? AND name = ?";

  static final String DELETE_SIEVE_SCRIPT =
      "DELETE FROM sieve_scripts WHERE alias_id = ? AND name = ?";

  /** The MX's look-up at every delivery: the alias's unique key, then the one-active index. */
  static final String ACTIVE_SIEVE_SCRIPT =
      "SELECT s.script FROM sieve_scripts s JOIN aliases a ON a.id = s.alias_id"
          + " WHERE a.address_canonical = ? AND s.active";

  static final String DELETE_ALIAS_SIEVE_SCRIPTS = "DELETE FROM sieve_scripts WHERE alias_id = ?";

  static final String DELETE_DOMAIN_SIEVE_SCRIPTS =
      "DELETE FROM sieve_scripts WHERE alias_id IN (SELECT id FROM aliases WHERE domain_id = ?)";

  // Usage: the chain alias -> domain -> account with every limit and counter, read in the same
  // transaction that updates it.

  static final String SELECT_USAGE_CHAIN =
      "SELECT a.id, a.quota_bytes, a.quota_messages, a.used_bytes, a.used_messages,"
          + " d.id, d.quota_bytes, d.quota_messages, d.used_bytes, d.used_messages,"
          + " c.id, c.quota_bytes, c.quota_messages, c.used_bytes, c.used_messages"
          + " FROM aliases a JOIN domains d ON d.id = a.domain_id"
          + " JOIN accounts c ON c.id = d.account_id WHERE a.vault_id = ?";

  /**
   * Adds to a counter only while it stays within its limit; the condition makes the statement safe
   * on its own under PostgreSQL's row locks, where another writer may have moved the counters since
   * they were read. Parameters: bytes, messages, id, bytes, messages.
   */
  private static final String RESERVE =
      " SET used_bytes = used_bytes + ?, used_messages = used_messages + ? WHERE id = ?"
          + " AND (quota_bytes IS NULL OR used_bytes + ? <= quota_bytes)"
          + " AND (quota_messages IS NULL OR used_messages + ? <= quota_messages)";

  static final String RESERVE_ALIAS = "UPDATE aliases" + RESERVE;
  static final String RESERVE_DOMAIN = "UPDATE domains" + RESERVE;
  static final String RESERVE_ACCOUNT = "UPDATE accounts" + RESERVE;

  /** Subtracts, never below zero. Parameters: bytes, bytes, messages, messages, id. */
  private static final String RELEASE =
      " SET used_bytes = CASE WHEN used_bytes > ? THEN used_bytes - ? ELSE 0 END,"
          + " used_messages = CASE WHEN used_messages > ? THEN used_messages - ? ELSE 0 END"
          + " WHERE id = ?";

  static final String RELEASE_ALIAS = "UPDATE aliases" + RELEASE;
  static final String RELEASE_DOMAIN = "UPDATE domains" + RELEASE;
  static final String RELEASE_ACCOUNT = "UPDATE accounts" + RELEASE;

  // Routing per alias (ADR 0240, 0243)

  static final String UPDATE_ALIAS_MODE =
      "UPDATE aliases SET delivery_mode = ?, updated_at = ? WHERE id = ?";

  static final String LIST_FORWARDS =
      "SELECT id, target FROM alias_forwards WHERE alias_id = ? ORDER BY created_at, id";

  static final String FORWARD_BY_TARGET =
      "SELECT id, target FROM alias_forwards WHERE alias_id = ? AND LOWER(target) = LOWER(?)";

  static final String INSERT_FORWARD =
      "INSERT INTO alias_forwards (id, alias_id, target, created_at) VALUES (?, ?, ?, ?)";

  static final String DELETE_FORWARD =
      "DELETE FROM alias_forwards WHERE alias_id = ? AND (id = ? OR LOWER(target) = LOWER(?))";

  static final String DELETE_ALIAS_FORWARDS = "DELETE FROM alias_forwards WHERE alias_id = ?";

  static final String DELETE_DOMAIN_FORWARDS =
      "DELETE FROM alias_forwards WHERE alias_id IN (SELECT id FROM aliases WHERE domain_id = ?)";

  static final String SELECT_WEBHOOK_SECRET = "SELECT webhook_secret FROM aliases WHERE id = ?";

  static final String UPDATE_WEBHOOK_SECRET =
      "UPDATE aliases SET webhook_secret = ?, updated_at = ? WHERE id = ?";

  static final String SELECT_WEBHOOK_TARGET =
      "SELECT f.id, a.local_part, d.name, f.target, a.webhook_secret FROM alias_forwards f"
          + " JOIN aliases a ON a.id = f.alias_id JOIN domains d ON d.id = a.domain_id"
          + " WHERE f.id = ?";

  static final String INSERT_WEBHOOK_DELIVERY =
      "INSERT INTO webhook_deliveries (alias_id, queue_id, target_id, attempted_at, http_status,"
          + " error_kind, outcome) SELECT id, ?, ?, ?, ?, ?, ? FROM aliases"
          + " WHERE address_canonical = ?";

  static final String LIST_WEBHOOK_DELIVERIES =
      "SELECT queue_id, target_id, attempted_at, http_status, error_kind, outcome"
          + " FROM webhook_deliveries WHERE alias_id = ? ORDER BY id DESC LIMIT ?";

  static final String DELETE_ALIAS_WEBHOOK_DELIVERIES =
      "DELETE FROM webhook_deliveries WHERE alias_id = ?";

  static final String DELETE_DOMAIN_WEBHOOK_DELIVERIES =
      "DELETE FROM webhook_deliveries WHERE alias_id IN"
          + " (SELECT id FROM aliases WHERE domain_id = ?)";

  static final String UPDATE_DOMAIN_CATCH_ALL =
      "UPDATE domains SET catch_all_alias_id = ? WHERE id = ?";

  static final String CLEAR_CATCH_ALL =
      "UPDATE domains SET catch_all_alias_id = NULL WHERE catch_all_alias_id = ?";

  static final String UPDATE_DOMAIN_FORWARD = "UPDATE domains SET forward_domain = ? WHERE id = ?";

  static final String SELECT_DOMAIN_ROUTING =
      "SELECT a.local_part, ad.name, d.forward_domain FROM domains d"
          + " LEFT JOIN aliases a ON a.id = d.catch_all_alias_id"
          + " LEFT JOIN domains ad ON ad.id = a.domain_id WHERE d.name = ?";
}
