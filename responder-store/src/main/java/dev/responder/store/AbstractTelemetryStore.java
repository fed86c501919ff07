package dev.responder.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responder.core.error.PermanentException;
import dev.responder.core.error.ResponderException;
import dev.responder.core.error.TransientException;
import dev.responder.core.port.TelemetryStore;
import dev.responder.core.query.ChangeQuery;
import dev.responder.core.query.Deviation;
import dev.responder.core.query.DeviationQuery;
import dev.responder.core.query.EdgeQuery;
import dev.responder.core.query.EdgeStats;
import dev.responder.core.query.LogQuery;
import dev.responder.core.query.LogSearchResult;
import dev.responder.core.query.MetricQuery;
import dev.responder.core.query.MetricSeries;
import dev.responder.core.query.Page;
import dev.responder.core.query.SpanQuery;
import dev.responder.core.query.StoreStats;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.telemetry.ChangeEvent;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.MetricPoint;
import dev.responder.core.telemetry.Span;
import dev.responder.core.telemetry.TelemetryBatch;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The template of every {@link TelemetryStore} adapter (STYLE #7): the public methods validate their arguments,
 * reject use after {@link #close()}, log slow calls and translate library exceptions into Responder's exception
 * family; adapters implement only the {@code doX} methods, which may throw any checked exception.
 *
 * <p>The semantics that the {@code doX} methods must implement are pinned by the shared contract test suite
 * {@code dev.responder.store.TelemetryStoreContract} (test-jar of responder-store); its Javadoc lists the choices
 * the port leaves open (bucket alignment, quantile interpolation, ordering and ties).
 *
 * <p>Guarantees given to {@code doX} implementations: arguments are non-null and filters are either null or
 * non-blank; {@code doAppendX} is called only with a non-empty list whose values are valid (finite metric
 * values); nothing is called after {@link #close()} has begun, except that calls already in flight may still
 * be running when {@link #doClose()} runs.
 */
public abstract class AbstractTelemetryStore implements TelemetryStore {
  private static final Logger LOG = LoggerFactory.getLogger(AbstractTelemetryStore.class);
  private static final long SLOW_CALL_NANOS = 1_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, String>> STRING_MAP = new TypeReference<>() {};

  private final String name;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param name how messages name this store, e.g. {@code duckdb:/var/lib/responder/telemetry.db}
   */
  protected AbstractTelemetryStore(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("store name must not be blank");
    }
    this.name = name;
  }

  /** How messages name this store. */
  protected final String name() {
    return name;
  }

  @Override
  public String toString() {
    return name;
  }

  // ---------------------------------------------------------------- the port's template methods

  @Override
  public final void append(TelemetryBatch batch) {
    if (batch == null) {
      throw new IllegalArgumentException("batch must not be null");
    }
    ensureOpen();
    validateMetrics(batch.metrics());
    if (!batch.metrics().isEmpty()) {
      call("append of " + batch.metrics().size() + " metric points", () -> {
        doAppendMetrics(batch.metrics());
        return null;
      });
    }
    if (!batch.logs().isEmpty()) {
      call("append of " + batch.logs().size() + " log records", () -> {
        doAppendLogs(batch.logs());
        return null;
      });
    }
    if (!batch.spans().isEmpty()) {
      call("append of " + batch.spans().size() + " spans", () -> {
        doAppendSpans(batch.spans());
        return null;
      });
    }
    if (!batch.changes().isEmpty()) {
      call("append of " + batch.changes().size() + " change events", () -> {
        doAppendChanges(batch.changes());
        return null;
      });
    }
  }

  @Override
  public final Page<MetricSeries> metrics(MetricQuery query) {
    requireQuery(query);
    requireFilter(query.service(), "service");
    requireFilter(query.metric(), "metric");
    return call(query.toString(), () -> doMetrics(query));
  }

  @Override
  public final Page<Deviation> topDeviations(DeviationQuery query) {
    requireQuery(query);
    requireFilter(query.service(), "service");
    return call(query.toString(), () -> doTopDeviations(query));
  }

  @Override
  public final LogSearchResult searchLogs(LogQuery query) {
    requireQuery(query);
    requireFilter(query.service(), "service");
    return call(query.toString(), () -> doSearchLogs(query));
  }

  @Override
  public final Page<Span> spans(SpanQuery query) {
    requireQuery(query);
    requireFilter(query.service(), "service");
    requireFilter(query.traceId(), "traceId");
    return call(query.toString(), () -> doSpans(query));
  }

  @Override
  public final Page<EdgeStats> edges(EdgeQuery query) {
    requireQuery(query);
    requireFilter(query.service(), "service");
    return call(query.toString(), () -> doEdges(query));
  }

  @Override
  public final Page<ChangeEvent> changes(ChangeQuery query) {
    requireQuery(query);
    requireFilter(query.service(), "service");
    return call(query.toString(), () -> doChanges(query));
  }

  @Override
  public final List<String> services(TimeWindow window) {
    requireArgument(window, "window");
    return call("services in " + window, () -> doServices(window));
  }

  @Override
  public final List<String> metricNames(String service, TimeWindow window) {
    requireFilter(service, "service");
    requireArgument(window, "window");
    return call("metric names of " + service + " in " + window, () -> doMetricNames(service, window));
  }

  @Override
  public final long deleteOlderThan(Instant cutoff) {
    requireArgument(cutoff, "cutoff");
    return call("delete of telemetry older than " + cutoff, () -> doDeleteOlderThan(cutoff));
  }

  @Override
  public final StoreStats stats() {
    return call("stats", this::doStats);
  }

  /** Closes once; later calls do nothing, and every other method then fails with {@link PermanentException}. */
  @Override
  public final void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      doClose();
    } catch (Exception e) {
      throw translate("close", e);
    }
  }

  /** Whether {@link #close()} has been called. */
  protected final boolean isClosed() {
    return closed.get();
  }

  // ---------------------------------------------------------------- what adapters implement

  /** Appends all points in one transaction (or the engine's equivalent), so a failure writes none of them. */
  protected abstract void doAppendMetrics(List<MetricPoint> points) throws Exception;

  /** Appends all log records atomically, like {@link #doAppendMetrics}. */
  protected abstract void doAppendLogs(List<LogRecord> records) throws Exception;

  /** Appends all spans atomically, like {@link #doAppendMetrics}. */
  protected abstract void doAppendSpans(List<Span> spans) throws Exception;

  /** Appends all change events atomically, like {@link #doAppendMetrics}. */
  protected abstract void doAppendChanges(List<ChangeEvent> changes) throws Exception;

  protected abstract Page<MetricSeries> doMetrics(MetricQuery query) throws Exception;

  protected abstract Page<Deviation> doTopDeviations(DeviationQuery query) throws Exception;

  protected abstract LogSearchResult doSearchLogs(LogQuery query) throws Exception;

  protected abstract Page<Span> doSpans(SpanQuery query) throws Exception;

  protected abstract Page<EdgeStats> doEdges(EdgeQuery query) throws Exception;

  protected abstract Page<ChangeEvent> doChanges(ChangeQuery query) throws Exception;

  protected abstract List<String> doServices(TimeWindow window) throws Exception;

  /** Metric names of {@code service} in the window; a null service means all services. */
  protected abstract List<String> doMetricNames(String service, TimeWindow window) throws Exception;

  protected abstract long doDeleteOlderThan(Instant cutoff) throws Exception;

  protected abstract StoreStats doStats() throws Exception;

  /** Releases connections and files; called at most once. */
  protected abstract void doClose() throws Exception;

  /**
   * Whether a failure may go away on retry. The default treats {@link SQLTransientException}, SQL states of
   * class 08 (connection), 40 (transaction rollback) and 57 (operator intervention), {@link IOException} and
   * interruption as transient. Adapters add engine-specific cases (lock conflicts, server restarts).
   */
  protected boolean isTransient(Exception failure) {
    if (failure instanceof SQLTransientException || failure instanceof IOException
        || failure instanceof InterruptedException) {
      return true;
    }
    if (failure instanceof SQLException sql && sql.getSQLState() != null) {
      String state = sql.getSQLState();
      return state.startsWith("08") || state.startsWith("40") || state.startsWith("57");
    }
    return false;
  }

  /**
   * Turns any failure of a {@code doX} call into Responder's exception family, with the store and the operation
   * in the message. Responder exceptions and {@link IllegalArgumentException} pass through unchanged.
   */
  protected RuntimeException translate(String operation, Exception failure) {
    if (failure instanceof ResponderException || failure instanceof IllegalArgumentException) {
      return (RuntimeException) failure;
    }
    if (failure instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    String message = name + ": " + operation + " failed: " + failure.getMessage();
    return isTransient(failure) ? new TransientException(message, failure) : new PermanentException(message, failure);
  }

  // ---------------------------------------------------------------- helpers for adapters

  /**
   * How far the window's mean sits from the baseline in baseline standard deviations, with the spread floored
   * at 1% of the baseline mean's magnitude and at 1e-9 (see {@link Deviation}).
   */
  protected static double deviationScore(double baselineMean, double baselineStddev, double windowMean) {
    double spread = Math.max(Math.max(baselineStddev, 0.01 * Math.abs(baselineMean)), 1e-9);
    return (windowMean - baselineMean) / spread;
  }

  /**
   * A page from rows fetched with {@code LIMIT limit + 1}: when there are more than {@code limit} rows the page
   * keeps the first {@code limit} and asks {@code total} for the exact number of matches, so that the count
   * query runs only when the limit was hit.
   */
  protected static <T> Page<T> page(List<T> rowsPlusOne, int limit, LongSupplier total) {
    if (rowsPlusOne.size() <= limit) {
      return Page.complete(rowsPlusOne);
    }
    long all = total.getAsLong();
    return new Page<>(rowsPlusOne.subList(0, limit), Math.max(0, all - limit));
  }

  /** One aggregated bucket of one series, as a metrics query returns it row by row. */
  protected record BucketValue(String service, String instance, String metric, long bucketStartMillis, double value) {}

  /**
   * Groups bucket rows, sorted by service, instance, metric and bucket, into series; the page's omitted count
   * is in points, as {@link TelemetryStore#metrics} requires. {@code rowsPlusOne} and {@code totalPoints} follow
   * {@link #page}.
   */
  protected static Page<MetricSeries> seriesPage(List<BucketValue> rowsPlusOne, int limit, LongSupplier totalPoints) {
    Page<BucketValue> points = page(rowsPlusOne, limit, totalPoints);
    List<MetricSeries> series = new ArrayList<>();
    List<MetricSeries.Point> current = new ArrayList<>();
    BucketValue first = null;
    for (BucketValue row : points.rows()) {
      if (first != null && !sameSeries(first, row)) {
        series.add(new MetricSeries(first.service(), first.instance(), first.metric(), current));
        current = new ArrayList<>();
      }
      if (current.isEmpty()) {
        first = row;
      }
      current.add(new MetricSeries.Point(Instant.ofEpochMilli(row.bucketStartMillis()), row.value()));
    }
    if (first != null) {
      series.add(new MetricSeries(first.service(), first.instance(), first.metric(), current));
    }
    return new Page<>(series, points.omitted());
  }

  private static boolean sameSeries(BucketValue a, BucketValue b) {
    return a.service().equals(b.service()) && a.instance().equals(b.instance()) && a.metric().equals(b.metric());
  }

  /**
   * Encodes string attributes (labels, log and span attributes, change details) as a JSON object; empty maps
   * become {@code {}} without touching Jackson, which matters at a million rows per second.
   */
  protected static String attributesToJson(Map<String, String> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return "{}";
    }
    try {
      return JSON.writeValueAsString(attributes);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("attributes cannot be encoded as JSON: " + attributes, e);
    }
  }

  /** Decodes {@link #attributesToJson}'s output into a sorted, immutable map; null or blank is empty. */
  protected static Map<String, String> attributesFromJson(String json) {
    if (json == null || json.isBlank() || json.equals("{}")) {
      return Map.of();
    }
    try {
      return Collections.unmodifiableMap(JSON.readValue(json, STRING_MAP));
    } catch (JsonProcessingException e) {
      throw new PermanentException("stored attributes are not a JSON object of strings: "
          + (json.length() > 200 ? json.substring(0, 200) + "..." : json), e);
    }
  }

  // ---------------------------------------------------------------- internals

  /** One call into the adapter, with the work that may throw any exception. */
  @FunctionalInterface
  private interface Work<T> {
    T run() throws Exception;
  }

  private <T> T call(String operation, Work<T> work) {
    ensureOpen();
    long start = System.nanoTime();
    try {
      return work.run();
    } catch (Exception e) {
      throw translate(operation, e);
    } finally {
      long elapsed = System.nanoTime() - start;
      if (elapsed > SLOW_CALL_NANOS) {
        LOG.warn("{}: {} took {} ms", name, operation, elapsed / 1_000_000);
      }
    }
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new PermanentException(name + " is closed");
    }
  }

  private static void validateMetrics(List<MetricPoint> points) {
    for (int i = 0; i < points.size(); i++) {
      MetricPoint p = points.get(i);
      if (!Double.isFinite(p.value())) {
        throw new IllegalArgumentException("metric value must be finite but was " + p.value() + " for "
            + p.service() + "/" + p.name() + (p.instance().isEmpty() ? "" : "@" + p.instance()) + " at " + p.ts()
            + " (point " + i + " of " + points.size() + "); nothing of the batch was written");
      }
    }
  }

  private static void requireQuery(Object query) {
    requireArgument(query, "query");
  }

  private static void requireArgument(Object value, String what) {
    if (value == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
  }

  private static void requireFilter(String value, String what) {
    if (value != null && value.isBlank()) {
      throw new IllegalArgumentException(what + " filter must be null (all) or non-blank but was '" + value + "'");
    }
  }
}
