package dev.responder.store.clickhouse;

import dev.responder.core.error.ConfigException;
import dev.responder.core.error.PermanentException;
import dev.responder.core.error.TransientException;
import dev.responder.core.port.TelemetryStore;
import dev.responder.store.TelemetryStoreProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Registers the scheme {@code clickhouse} with the store registry. Specs look like
 * {@code clickhouse:http://127.0.0.1:8123/responder}: the HTTP endpoint, then the database as the path;
 * credentials may come as user info ({@code http://user:password@host:8123/db}). Other settings are the defaults
 * of {@link ClickHouseStores.Settings#defaults()}.
 */
public final class ClickHouseStoreProvider implements TelemetryStoreProvider {
  static final String SCHEME = "clickhouse";

  /** Used by {@link java.util.ServiceLoader}. */
  public ClickHouseStoreProvider() {
    // nothing to set up
  }

  @Override
  public String scheme() {
    return SCHEME;
  }

  /**
   * {@inheritDoc} As the provider contract asks, a server that cannot be reached or rejects the schema is a
   * {@link ConfigException} here (start-up fails fast); the cause says whether retrying could help.
   */
  @Override
  public TelemetryStore open(String spec) {
    Target t = parse(spec);
    try {
      return ClickHouseStores.open(t.endpoint(), t.database(), t.settings());
    } catch (TransientException | PermanentException e) {
      throw new ConfigException("cannot open telemetry store '" + redact(spec) + "': " + e.getMessage(), e);
    }
  }

  /** Where a spec points: endpoint without path or credentials, database, settings with the credentials. */
  record Target(URI endpoint, String database, ClickHouseStores.Settings settings) {}

  static Target parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new ConfigException("clickhouse store spec must look like clickhouse:http://host:8123/database but was '"
          + spec + "'");
    }
    String rest = spec.startsWith(SCHEME + ":") ? spec.substring(SCHEME.length() + 1) : spec;
    URI uri;
    try {
      uri = new URI(rest);
    } catch (URISyntaxException e) {
      throw new ConfigException("clickhouse store spec is not a URI: '" + redact(spec) + "' (" + e.getReason() + ")", e);
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    String database = path.startsWith("/") ? path.substring(1) : path;
    if (database.isEmpty() || uri.getHost() == null) {
      throw new ConfigException("clickhouse store spec must name a host and a database, as in"
          + " clickhouse:http://127.0.0.1:8123/responder, but was '" + redact(spec) + "'");
    }
    ClickHouseStores.Settings settings = ClickHouseStores.Settings.defaults();
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      settings = settings.withCredentials(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
    }
    URI endpoint = URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
    return new Target(endpoint, database, settings);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The spec without its password, for messages. */
  private static String redact(String spec) {
    return spec.replaceAll("//([^:/@]*):[^@/]*@", "//$1:***@");
  }
}
