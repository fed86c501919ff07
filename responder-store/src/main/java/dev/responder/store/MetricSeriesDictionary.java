package dev.responder.store;

import dev.responder.core.telemetry.MetricPoint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The ids of stored metric series, (service, instance, name, labels), kept in memory so that appending a point
 * costs a hash lookup instead of four strings. Used only under the database's write lock; a batch's new series
 * are written in the batch's transaction and become visible here only after it commits.
 */
final class MetricSeriesDictionary {
  /** A series as points name it; labels are the sorted immutable map that {@link MetricPoint} keeps. */
  record Key(String service, String instance, String name, Map<String, String> labels) {
    static Key of(MetricPoint p) {
      return new Key(p.service().name(), p.instance(), p.name(), p.labels());
    }
  }

  /** Ids for one batch and the series it introduced, to be {@linkplain #publish published} after commit. */
  record Resolved(int[] ids, Map<Key, Integer> added) {}

  private final Map<Key, Integer> ids = new HashMap<>();
  private int nextId = 1;

  /** Loads every series of the database. */
  static MetricSeriesDictionary load(Connection connection) throws SQLException {
    MetricSeriesDictionary dictionary = new MetricSeriesDictionary();
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("SELECT series_id, service, instance, name, labels FROM metric_series")) {
      while (rs.next()) {
        int id = rs.getInt(1);
        dictionary.ids.put(new Key(rs.getString(2), rs.getString(3), rs.getString(4),
            AbstractTelemetryStore.attributesFromJson(rs.getString(5))), id);
        dictionary.nextId = Math.max(dictionary.nextId, id + 1);
      }
    }
    return dictionary;
  }

  /** Assigns ids to the points' series, appending series not seen before to {@code metric_series}. */
  Resolved resolve(List<MetricPoint> points, DuckDBConnection connection) throws SQLException {
    int[] result = new int[points.size()];
    Map<Key, Integer> added = new HashMap<>();
    List<Key> newKeys = new ArrayList<>();
    int next = nextId;
    for (int i = 0; i < result.length; i++) {
      Key key = Key.of(points.get(i));
      Integer id = ids.get(key);
      if (id == null) {
        id = added.get(key);
        if (id == null) {
          id = next++;
          added.put(key, id);
          newKeys.add(key);
        }
      }
      result[i] = id;
    }
    if (!newKeys.isEmpty()) {
      try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "metric_series")) {
        for (Key key : newKeys) {
          appender.beginRow().append(added.get(key)).append(key.service()).append(key.instance()).append(key.name())
              .append(AbstractTelemetryStore.attributesToJson(key.labels())).endRow();
        }
      }
    }
    return new Resolved(result, added);
  }

  /** Makes a committed batch's new series known. */
  void publish(Resolved resolved) {
    for (Map.Entry<Key, Integer> e : resolved.added().entrySet()) {
      ids.put(e.getKey(), e.getValue());
      nextId = Math.max(nextId, e.getValue() + 1);
    }
  }

  int size() {
    return ids.size();
  }
}
