package dev.responder.store;

import dev.responder.core.error.ConfigException;
import dev.responder.core.port.TelemetryStore;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens Responder's stores. {@link #openDuckDb} gives the embedded database with every port; {@link #telemetry}
 * chooses a telemetry store by spec (STYLE #8):
 * <ul>
 *   <li>{@code duckdb:/var/lib/responder/telemetry.db}, or a plain path such as {@code data/telemetry.db}</li>
 *   <li>{@code duckdb::memory:} or {@code :memory:} for an in-memory DuckDB</li>
 *   <li>{@code clickhouse:http://host:8123/db} and other schemes whose {@link TelemetryStoreProvider} is on the
 *       class path (registered with {@link ServiceLoader})</li>
 * </ul>
 */
public final class Stores {
  private static final String DUCKDB = "duckdb";
  /** A scheme is at least two characters, so that a Windows drive letter ({@code C:\...}) reads as a path. */
  private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+):(.*)", Pattern.DOTALL);

  private Stores() {}

  /**
   * Opens (creating if needed) a DuckDB file with telemetry, incidents, approvals and the audit log.
   *
   * @param file the database file; null or {@code :memory:} for an in-memory database
   * @throws ConfigException when the file is held by another process, is not a DuckDB database, was written by a
   *     newer Responder, or its directory does not exist; the message names the path
   */
  public static DuckDbDatabase openDuckDb(Path file) {
    return openDuckDb(file, InstantSource.system());
  }

  /** As {@link #openDuckDb(Path)}, with the clock that stamps schema migrations. */
  public static DuckDbDatabase openDuckDb(Path file, InstantSource clock) {
    if (clock == null) {
      throw new IllegalArgumentException("clock must not be null");
    }
    return DuckDbDatabaseImpl.open(file, clock);
  }

  /**
   * Opens the telemetry store that {@code spec} names; closing it releases everything it opened.
   *
   * @throws ConfigException for a blank spec or an unknown scheme (the message lists the known ones), or when
   *     the store cannot be opened
   */
  public static TelemetryStore telemetry(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new ConfigException("telemetry store spec must not be blank; known schemes: " + providers().keySet()
          + ", or a plain file path for DuckDB");
    }
    String trimmed = spec.trim();
    Matcher m = SCHEME.matcher(trimmed);
    if (!m.matches()) {
      return openDuckDbTelemetry(trimmed);
    }
    String scheme = m.group(1).toLowerCase(Locale.ROOT);
    if (scheme.equals(DUCKDB)) {
      return openDuckDbTelemetry(m.group(2));
    }
    Map<String, TelemetryStoreProvider> providers = providers();
    TelemetryStoreProvider provider = providers.get(scheme);
    if (provider == null) {
      throw new ConfigException("unknown telemetry store scheme '" + scheme + "' in '" + redact(trimmed)
          + "'; known schemes: " + providers.keySet() + ", or a plain file path for DuckDB");
    }
    return provider.open(trimmed);
  }

  /** The schemes {@link #telemetry} accepts here: the built-in {@code duckdb} and those found on the class path. */
  public static Set<String> schemes() {
    return Collections.unmodifiableSet(providers().keySet());
  }

  private static TelemetryStore openDuckDbTelemetry(String location) {
    if (location.isBlank()) {
      throw new ConfigException("duckdb store spec needs a path or :memory:, as in duckdb:data/telemetry.db");
    }
    if (location.equals(":memory:")) {
      return DuckDbDatabaseImpl.openTelemetryOnly(null, InstantSource.system());
    }
    try {
      return DuckDbDatabaseImpl.openTelemetryOnly(Path.of(location), InstantSource.system());
    } catch (InvalidPathException e) {
      throw new ConfigException("duckdb store path is not a valid path: '" + location + "' (" + e.getReason() + ")", e);
    }
  }

  private static Map<String, TelemetryStoreProvider> providers() {
    Map<String, TelemetryStoreProvider> byScheme = new TreeMap<>();
    byScheme.put(DUCKDB, new DuckDbStoreProvider());
    for (TelemetryStoreProvider provider : ServiceLoader.load(TelemetryStoreProvider.class)) {
      String scheme = provider.scheme().toLowerCase(Locale.ROOT);
      TelemetryStoreProvider previous = byScheme.putIfAbsent(scheme, provider);
      if (previous != null && previous.getClass() != provider.getClass()) {
        throw new ConfigException("two telemetry store providers claim scheme '" + scheme + "': "
            + previous.getClass().getName() + " and " + provider.getClass().getName());
      }
    }
    return byScheme;
  }

  /** The spec without a password in its user info, for messages. */
  private static String redact(String spec) {
    return spec.replaceAll("//([^:/@]*):[^@/]*@", "//$1:***@");
  }

  /** The built-in scheme, listed with the others. */
  private static final class DuckDbStoreProvider implements TelemetryStoreProvider {
    @Override
    public String scheme() {
      return DUCKDB;
    }

    @Override
    public TelemetryStore open(String spec) {
      return telemetry(spec);
    }
  }
}
