package dev.responder.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responder.app.config.ResponderConfig;
import dev.responder.app.config.Units;
import dev.responder.app.server.Storage;
import dev.responder.core.port.TelemetryStore;
import dev.responder.core.query.Aggregation;
import dev.responder.core.query.ChangeQuery;
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
import dev.responder.core.telemetry.Severity;
import dev.responder.core.telemetry.Span;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code responder query ...}: typed, bounded queries over a telemetry store. */
@Command(name = "query", mixinStandardHelpOptions = true,
    description = "Query telemetry in a store: metrics, logs, spans, edges, changes, services, stats.",
    subcommands = {QueryCommand.Metrics.class, QueryCommand.Logs.class, QueryCommand.Spans.class,
        QueryCommand.Edges.class, QueryCommand.Changes.class, QueryCommand.Services.class, QueryCommand.Stats.class})
final class QueryCommand implements Runnable {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options shared by every query: the store, the window, the row limit and the output format. */
  static final class Common {
    @Mixin
    GlobalOptions global;

    @Option(names = "--store", paramLabel = "FILE|URL", description = "Telemetry store (DuckDB file or clickhouse:URL; default from config).")
    String store;

    @Option(names = "--service", paramLabel = "S", description = "Only this service.")
    String service;

    @Option(names = "--from", paramLabel = "T", description = "Window start: ISO time, epoch ms, now, -1h (default: oldest data).")
    String from;

    @Option(names = "--to", paramLabel = "T", description = "Window end, exclusive (default: just after the newest data).")
    String to;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "Most rows to show (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    ResponderConfig config() {
      return global.load().withStore(store);
    }

    TimeWindow window(TelemetryStore telemetry) {
      Instant now = Clock.systemUTC().instant();
      Instant start = from == null ? null : Units.instant(from, now, "--from");
      Instant end = to == null ? null : Units.instant(to, now, "--to");
      if (start == null || end == null) {
        StoreStats stats = telemetry.stats();
        if (start == null) {
          start = stats.oldest() != null ? stats.oldest() : now.minus(Duration.ofHours(1));
        }
        if (end == null) {
          end = stats.newest() != null && stats.newest().isAfter(start) ? stats.newest().plusMillis(1) : now;
        }
      }
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException("--to must be after --from but the window was " + start + " .. " + end);
      }
      return TimeWindow.of(start, end);
    }
  }

  /** Template for each query subcommand: open the store, run, print, close. */
  abstract static class QuerySub implements Callable<Integer> {
    @Mixin
    Common common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (TelemetryStore telemetry = Storage.openTelemetry(common.config())) {
        PrintWriter out = spec.commandLine().getOut();
        Object result = query(telemetry, common.window(telemetry));
        if (common.json) {
          out.println(JSON.writeValueAsString(result));
        } else {
          out.print(result instanceof Table t ? t.render() : result.toString());
        }
        out.flush();
      }
      return 0;
    }

    /** Runs the query and returns a JSON node or a {@link Table}, depending on {@code common.json}. */
    abstract Object query(TelemetryStore telemetry, TimeWindow window);

    ObjectNode pageNode(Page<?> page, ArrayNode rows) {
      ObjectNode node = JSON.createObjectNode();
      node.set("rows", rows);
      node.put("returned", page.rows().size());
      node.put("omitted", page.omitted());
      return node;
    }
  }

  @Command(name = "metrics", mixinStandardHelpOptions = true, description = "Metric series bucketed in time.")
  static final class Metrics extends QuerySub {
    @Option(names = "--metric", paramLabel = "M", description = "Only this metric name.")
    String metric;

    @Option(names = "--bucket", paramLabel = "D", defaultValue = "1m", description = "Bucket width (default: ${DEFAULT-VALUE}).")
    String bucket;

    @Option(names = "--agg", paramLabel = "A", defaultValue = "avg", description = "avg, min, max, sum, count, p50, p95, p99, rate, increase_rate (default: ${DEFAULT-VALUE}).")
    String aggregation;

    @Option(names = "--by-instance", description = "Keep instances apart.")
    boolean byInstance;

    @Override
    Object query(TelemetryStore telemetry, TimeWindow window) {
      Page<MetricSeries> page = telemetry.metrics(new MetricQuery(common.service, metric, window,
          Units.duration(bucket, "--bucket"), Aggregation.parse(aggregation), byInstance, common.limit));
      if (common.json) {
        ArrayNode rows = JSON.createArrayNode();
        for (MetricSeries s : page.rows()) {
          ObjectNode n = rows.addObject().put("service", s.service()).put("instance", s.instance()).put("metric", s.metric());
          ArrayNode points = n.putArray("points");
          s.points().forEach(p -> points.addObject().put("ts", p.ts().toString()).put("value", p.value()));
        }
        return pageNode(page, rows);
      }
      Table t = new Table("ts", "service", "instance", "metric", "value");
      for (MetricSeries s : page.rows()) {
        s.points().forEach(p -> t.row(p.ts(), s.service(), s.instance(), s.metric(), Table.num(p.value())));
      }
      return t.footer(page.rows().stream().mapToLong(s -> s.points().size()).sum(), page.omitted(), "points");
    }
  }

  @Command(name = "logs", mixinStandardHelpOptions = true, description = "Log lines, newest first, with counts.")
  static final class Logs extends QuerySub {
    @Option(names = "--level", paramLabel = "L", description = "Minimum level: trace, debug, info, warn, error, fatal.")
    String level;

    @Option(names = "--text", paramLabel = "TEXT", description = "Case-insensitive substring of the body.")
    String text;

    @Override
    Object query(TelemetryStore telemetry, TimeWindow window) {
      Severity min = level == null ? null : parseLevel(level);
      LogSearchResult r = telemetry.searchLogs(new LogQuery(common.service, min, text, window, common.limit));
      if (common.json) {
        ArrayNode rows = JSON.createArrayNode();
        for (LogRecord l : r.lines().rows()) {
          ObjectNode n = rows.addObject().put("ts", l.ts().toString()).put("service", l.service().name())
              .put("instance", l.instance()).put("level", l.level().name()).put("body", l.body());
          if (!l.traceId().isEmpty()) {
            n.put("trace_id", l.traceId()).put("span_id", l.spanId());
          }
          if (!l.attributes().isEmpty()) {
            n.set("attributes", JSON.valueToTree(l.attributes()));
          }
        }
        ObjectNode node = pageNode(r.lines(), rows);
        node.set("counts_by_service", JSON.valueToTree(new java.util.TreeMap<>(r.countsByService())));
        ObjectNode levels = node.putObject("counts_by_level");
        r.countsByLevel().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
            .forEach(e -> levels.put(e.getKey().name(), e.getValue()));
        return node;
      }
      Table t = new Table("ts", "service", "level", "body");
      r.lines().rows().forEach(l -> t.row(l.ts(), l.service(), l.level(), l.body()));
      t.footer(r.lines().rows().size(), r.lines().omitted(), "lines");
      return t.note("by level: " + new java.util.TreeMap<>(r.countsByLevel()) + "; by service: " + new java.util.TreeMap<>(r.countsByService()));
    }

    private static Severity parseLevel(String text) {
      for (Severity s : Severity.values()) {
        if (s.name().equalsIgnoreCase(text.trim())) {
          return s;
        }
      }
      throw new IllegalArgumentException("--level must be one of trace, debug, info, warn, error, fatal but was '" + text + "'");
    }
  }

  @Command(name = "spans", mixinStandardHelpOptions = true, description = "Spans, by start time or slowest first.")
  static final class Spans extends QuerySub {
    @Option(names = "--operation", paramLabel = "OP", description = "Only this operation.")
    String operation;

    @Option(names = "--trace", paramLabel = "ID", description = "Only this trace id (hex).")
    String trace;

    @Option(names = "--errors", description = "Only spans with status ERROR.")
    boolean errors;

    @Option(names = "--slowest", description = "Slowest first.")
    boolean slowest;

    @Override
    Object query(TelemetryStore telemetry, TimeWindow window) {
      Page<Span> page = telemetry.spans(new SpanQuery(common.service, operation, trace, window, errors, slowest, common.limit));
      if (common.json) {
        ArrayNode rows = JSON.createArrayNode();
        for (Span s : page.rows()) {
          rows.addObject().put("trace_id", s.traceId()).put("span_id", s.spanId()).put("parent_span_id", s.parentSpanId())
              .put("service", s.service().name()).put("operation", s.operation()).put("start", s.start().toString())
              .put("duration_ms", s.duration().toNanos() / 1e6).put("status", s.status().name())
              .set("attributes", JSON.valueToTree(s.attributes()));
        }
        return pageNode(page, rows);
      }
      Table t = new Table("start", "service", "operation", "duration_ms", "status", "trace_id", "span_id", "parent");
      page.rows().forEach(s -> t.row(s.start(), s.service(), s.operation(), Table.num(s.duration().toNanos() / 1e6),
          s.status(), s.traceId(), s.spanId(), s.parentSpanId()));
      return t.footer(page.rows().size(), page.omitted(), "spans");
    }
  }

  @Command(name = "edges", mixinStandardHelpOptions = true, description = "Per caller-to-callee call statistics from spans.")
  static final class Edges extends QuerySub {
    @Override
    Object query(TelemetryStore telemetry, TimeWindow window) {
      Page<EdgeStats> page = telemetry.edges(new EdgeQuery(common.service, window, common.limit));
      if (common.json) {
        ArrayNode rows = JSON.createArrayNode();
        page.rows().forEach(e -> rows.addObject().put("caller", e.caller()).put("callee", e.callee()).put("calls", e.calls())
            .put("errors", e.errors()).put("error_rate", e.errorRate()).put("avg_ms", e.avgMs()).put("p95_ms", e.p95Ms()).put("max_ms", e.maxMs()));
        return pageNode(page, rows);
      }
      Table t = new Table("caller", "callee", "calls", "errors", "error_rate", "avg_ms", "p95_ms", "max_ms");
      page.rows().forEach(e -> t.row(e.caller(), e.callee(), e.calls(), e.errors(), Table.num(e.errorRate()),
          Table.num(e.avgMs()), Table.num(e.p95Ms()), Table.num(e.maxMs())));
      return t.footer(page.rows().size(), page.omitted(), "edges");
    }
  }

  @Command(name = "changes", mixinStandardHelpOptions = true, description = "Deploys, config and flag changes, scaling, restarts; newest first.")
  static final class Changes extends QuerySub {
    @Option(names = "--kind", paramLabel = "K", description = "deploy, config, flag, scale or restart.")
    String kind;

    @Override
    Object query(TelemetryStore telemetry, TimeWindow window) {
      ChangeEvent.Kind k = kind == null ? null : ChangeEvent.parseKind(kind);
      Page<ChangeEvent> page = telemetry.changes(new ChangeQuery(common.service, k, window, common.limit));
      if (common.json) {
        ArrayNode rows = JSON.createArrayNode();
        page.rows().forEach(c -> rows.addObject().put("ts", c.ts().toString()).put("service", c.service().name())
            .put("kind", c.kind().name().toLowerCase(java.util.Locale.ROOT)).put("author", c.author()).put("summary", c.summary())
            .set("details", JSON.valueToTree(new java.util.TreeMap<>(c.details()))));
        return pageNode(page, rows);
      }
      Table t = new Table("ts", "service", "kind", "author", "summary");
      page.rows().forEach(c -> t.row(c.ts(), c.service(), c.kind().name().toLowerCase(java.util.Locale.ROOT), c.author(), c.summary()));
      return t.footer(page.rows().size(), page.omitted(), "changes");
    }
  }

  @Command(name = "services", mixinStandardHelpOptions = true, description = "Services that reported telemetry in the window.")
  static final class Services extends QuerySub {
    @Override
    Object query(TelemetryStore telemetry, TimeWindow window) {
      var names = telemetry.services(window);
      if (common.json) {
        return JSON.valueToTree(names);
      }
      Table t = new Table("service", "metrics");
      names.forEach(s -> t.row(s, String.join(", ", telemetry.metricNames(s, window))));
      return t;
    }
  }

  @Command(name = "stats", mixinStandardHelpOptions = true, description = "Row counts and time range of the store.")
  static final class Stats extends QuerySub {
    @Override
    Object query(TelemetryStore telemetry, TimeWindow window) {
      StoreStats s = telemetry.stats();
      ObjectNode n = JSON.createObjectNode().put("metric_points", s.metricPoints()).put("log_records", s.logRecords())
          .put("spans", s.spans()).put("change_events", s.changeEvents())
          .put("oldest", s.oldest() == null ? null : s.oldest().toString())
          .put("newest", s.newest() == null ? null : s.newest().toString());
      if (common.json) {
        return n;
      }
      Table t = new Table("what", "value");
      n.properties().forEach(e -> t.row(e.getKey(), e.getValue().isNull() ? "-" : e.getValue().asText()));
      return t;
    }
  }
}
