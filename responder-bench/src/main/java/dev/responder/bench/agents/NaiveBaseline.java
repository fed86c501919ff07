package dev.responder.bench.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.ChatModel;
import dev.responder.agent.loop.AgentLoop;
import dev.responder.agent.loop.AgentRun;
import dev.responder.agent.loop.Budget;
import dev.responder.agent.tool.ToolRegistry;
import dev.responder.app.aci.AciContext;
import dev.responder.core.query.Deviation;
import dev.responder.core.query.DeviationQuery;
import dev.responder.core.query.LogQuery;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.Severity;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The naive baseline of the ClickHouse experiment ("Can LLMs replace on-call SREs today?", 2025): one prompt with
 * raw telemetry of the incident window and no tools, asking whether there is an incident, where and what. The
 * telemetry is bounded (the most deviating metrics and the newest warning and error lines) and redacted by the
 * agent loop like every other prompt.
 */
final class NaiveBaseline {
  static final int MAX_METRICS = 40;
  static final int MAX_LOG_LINES = 80;
  private static final int MAX_LINE = 200;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String SYSTEM = """
      You are an on-call SRE. You are given raw telemetry of a 20-minute window of a microservice system, compared \
      with the 20 minutes before it. Answer with one JSON object and nothing else: \
      {"incident": true|false, "root_cause_service": "...", "fault_type": "...", "candidates": ["service", ...]} \
      where candidates are up to three services, most likely root cause first, and fault_type is one of: \
      cpu_saturation, memory_leak, bad_deploy, config_error, connection_pool_exhaustion, slow_query, cache_outage, \
      network_latency, packet_loss, dns_failure, disk_full, certificate_expiry, dependency_outage, retry_storm, \
      deadlock, noisy_neighbour, queue_lag, clock_skew, feature_flag_bug, traffic_surge, credential_stuffing, \
      crypto_miner, unknown.""";

  private NaiveBaseline() {}

  /** The baseline's answer for one instance, with what it cost; {@code failure} is set when it gave no usable answer. */
  record Answer(boolean incident, String service, String faultType, List<String> candidates, long tokens, double usd,
                long wallMs, String failure) {
    Answer {
      candidates = List.copyOf(candidates);
    }
  }

  static Answer ask(ChatModel model, AciContext ctx, InstantSource clock) {
    AgentRun run = AgentLoop.builder(model).clock(clock).build()
        .run(SYSTEM, prompt(ctx), ToolRegistry.of(List.of()), Budget.defaults().withMaxSteps(1));
    long tokens = run.inputTokens() + run.outputTokens();
    long wall = run.wallTime().toMillis();
    String text = run.finalText().orElse("");
    int start = text.indexOf('{');
    int end = text.lastIndexOf('}');
    if (start < 0 || end < start) {
      return new Answer(false, "", "", List.of(), tokens, run.usd(), wall, run.stopReason() + ": no JSON answer");
    }
    try {
      JsonNode a = JSON.readTree(text.substring(start, end + 1));
      List<String> candidates = new ArrayList<>();
      String service = a.path("root_cause_service").asText("");
      if (!service.isEmpty()) {
        candidates.add(service);
      }
      a.path("candidates").forEach(c -> {
        if (!candidates.contains(c.asText())) {
          candidates.add(c.asText());
        }
      });
      return new Answer(a.path("incident").asBoolean(false), service, a.path("fault_type").asText(""), candidates,
          tokens, run.usd(), wall, null);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return new Answer(false, "", "", List.of(), tokens, run.usd(), wall, "unparseable answer: " + e.getOriginalMessage());
    }
  }

  /** The raw telemetry of the window, bounded. */
  static String prompt(AciContext ctx) {
    StringBuilder out = new StringBuilder("Window " + ctx.window().from() + " .. " + ctx.window().to() + ", baseline "
        + ctx.baseline().from() + " .. " + ctx.baseline().to() + ".\n\nMetrics (service metric baseline_mean "
        + "window_mean), most changed first:\n");
    for (Deviation d : ctx.store().topDeviations(new DeviationQuery(null, ctx.window(), ctx.baseline(), MAX_METRICS)).rows()) {
      out.append(d.service()).append(' ').append(d.metric()).append(' ').append(round(d.baselineMean())).append(' ')
          .append(round(d.windowMean())).append('\n');
    }
    out.append("\nWarning and error log lines of the window (newest first, at most ").append(MAX_LOG_LINES).append("):\n");
    for (LogRecord r : ctx.store().searchLogs(new LogQuery(null, Severity.WARN, null, ctx.window(), MAX_LOG_LINES)).lines().rows()) {
      String body = r.body().length() > MAX_LINE ? r.body().substring(0, MAX_LINE) + "..." : r.body();
      out.append(r.ts()).append(' ').append(r.service()).append(' ').append(r.level()).append(' ').append(body).append('\n');
    }
    return out.toString();
  }

  private static String round(double v) {
    return String.format(java.util.Locale.ROOT, "%.3g", v);
  }
}
