package dev.responder.store.clickhouse;

import dev.responder.core.error.ConfigException;
import dev.responder.core.port.TelemetryStore;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Opens {@link TelemetryStore}s backed by a ClickHouse server (18.16 or newer) over its HTTP interface.
 * The store creates its database and tables when they are missing, so pointing it at an empty server is enough.
 */
public final class ClickHouseStores {
  private ClickHouseStores() {}

  /**
   * Opens a store on {@code database} at {@code endpoint} (for example {@code http://127.0.0.1:8123}),
   * creating the database and its tables if they do not exist.
   *
   * @throws ConfigException when the endpoint, database name or settings are invalid
   * @throws dev.responder.core.error.TransientException when the server cannot be reached
   * @throws dev.responder.core.error.PermanentException when the server rejects the schema
   */
  public static TelemetryStore open(URI endpoint, String database, Settings settings) {
    Objects.requireNonNull(settings, "settings");
    URI base = checkEndpoint(endpoint);
    if (!Sql.isIdentifier(database)) {
      throw new ConfigException("clickhouse database must match [A-Za-z_][A-Za-z0-9_]* but was '" + database + "'");
    }
    return ClickHouseTelemetryStore.open(new ClickHouseHttp(base, database, settings), settings.insertBatchSize());
  }

  /**
   * Connection and batching settings; start from {@link #defaults()}.
   *
   * @param user            the ClickHouse user; {@code default} on a fresh server
   * @param password        the user's password, empty for none; sent in a header, never in the URL
   * @param connectTimeout  how long to wait for a TCP connection
   * @param requestTimeout  how long one statement may take (also sent as the server's {@code max_execution_time}),
   *                        and how long a retention delete waits for its mutation
   * @param insertBatchSize rows per INSERT statement, each written by the server as one all-or-nothing block, so an
   *                        append is atomic per kind of telemetry up to this many rows
   * @throws ConfigException when a value is out of range; the message names it
   */
  public record Settings(String user, String password, Duration connectTimeout, Duration requestTimeout,
                         int insertBatchSize) {
    /** The most rows one INSERT statement may carry; the server buffers that many rows per block. */
    public static final int MAX_INSERT_BATCH_SIZE = 10_000_000;
    private static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    public Settings {
      if (user == null || user.isBlank()) {
        throw new ConfigException("clickhouse user must not be blank but was '" + user + "'");
      }
      if (password == null) {
        throw new ConfigException("clickhouse password must not be null (use \"\" for none)");
      }
      checkTimeout("connectTimeout", connectTimeout);
      checkTimeout("requestTimeout", requestTimeout);
      if (insertBatchSize < 1 || insertBatchSize > MAX_INSERT_BATCH_SIZE) {
        throw new ConfigException("clickhouse insertBatchSize must be in 1.." + MAX_INSERT_BATCH_SIZE
            + " but was " + insertBatchSize);
      }
    }

    /** User {@code default} without password, 5 s to connect, 60 s per statement, 100 000 rows per INSERT. */
    public static Settings defaults() {
      return new Settings("default", "", Duration.ofSeconds(5), Duration.ofSeconds(60), 100_000);
    }

    /** These settings with another user and password. */
    public Settings withCredentials(String user, String password) {
      return new Settings(user, password, connectTimeout, requestTimeout, insertBatchSize);
    }

    /** These settings with other connect and request timeouts. */
    public Settings withTimeouts(Duration connectTimeout, Duration requestTimeout) {
      return new Settings(user, password, connectTimeout, requestTimeout, insertBatchSize);
    }

    /** These settings with another number of rows per INSERT statement. */
    public Settings withInsertBatchSize(int insertBatchSize) {
      return new Settings(user, password, connectTimeout, requestTimeout, insertBatchSize);
    }

    /** Hides the password, which must not end up in logs. */
    @Override
    public String toString() {
      return "Settings[user=" + user + ", password=" + (password.isEmpty() ? "" : "***") + ", connectTimeout="
          + connectTimeout + ", requestTimeout=" + requestTimeout + ", insertBatchSize=" + insertBatchSize + "]";
    }

    private static void checkTimeout(String name, Duration value) {
      if (value == null || value.toMillis() < 1 || value.compareTo(MAX_TIMEOUT) > 0) {
        throw new ConfigException("clickhouse " + name + " must be in 1ms.." + MAX_TIMEOUT + " but was " + value);
      }
    }
  }

  private static URI checkEndpoint(URI endpoint) {
    if (endpoint == null) {
      throw new ConfigException("clickhouse endpoint must not be null");
    }
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new ConfigException("clickhouse endpoint must be an http(s) URI such as http://127.0.0.1:8123 but was '"
          + endpoint + "'");
    }
    if (endpoint.getHost() == null) {
      throw new ConfigException("clickhouse endpoint must name a host but was '" + endpoint + "'");
    }
    if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null || endpoint.getRawUserInfo() != null) {
      throw new ConfigException("clickhouse endpoint must not carry a query, fragment or credentials (use Settings)"
          + " but was '" + endpoint + "'");
    }
    String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
    if (!path.isEmpty() && !path.equals("/")) {
      throw new ConfigException("clickhouse endpoint must not have a path (the database is separate) but was '"
          + endpoint + "'");
    }
    return URI.create(scheme + "://" + endpoint.getRawAuthority() + "/");
  }
}
