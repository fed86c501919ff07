package dev.responder.app.aci;

import dev.responder.agent.tool.Tool;
import dev.responder.agent.tool.ToolRegistry;
import dev.responder.core.incident.Diagnosis;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Agent-Cloud Interface: every documented tool an investigation may use, over one {@link AciContext}. Results
 * are bounded (top-k, clipped text) and say how much they left out; text from telemetry is returned as data.
 */
public final class AciTools {
  public static final String LIST_SERVICES = "list_services";
  public static final String GET_TOPOLOGY = "get_topology";
  public static final String QUERY_METRICS = "query_metrics";
  public static final String TOP_ANOMALIES = "top_anomalies";
  public static final String SEARCH_LOGS = "search_logs";
  public static final String LOG_PATTERNS = "log_patterns";
  public static final String GET_TRACES = "get_traces";
  public static final String TRACE_BREAKDOWN = "trace_breakdown";
  public static final String RECENT_CHANGES = "recent_changes";
  public static final String GET_EVENTS = "get_events";
  public static final String RANK_ROOT_CAUSES = "rank_root_causes";
  public static final String SIMILAR_INCIDENTS = "similar_incidents";
  public static final String GET_RUNBOOK = "get_runbook";
  public static final String RUN_DIAGNOSTIC = "run_diagnostic";
  public static final String SUBMIT_DIAGNOSIS = "submit_diagnosis";

  private AciTools() {}

  /** Every tool over {@code ctx}; {@code submit_diagnosis} hands accepted diagnoses to {@code onSubmit}. */
  public static ToolRegistry registry(AciContext ctx, Consumer<Diagnosis> onSubmit) {
    List<Tool> tools = new ArrayList<>();
    tools.addAll(new TelemetryTools(ctx).all());
    tools.addAll(new AnalysisTools(ctx).all());
    tools.addAll(new DiagnosticTools(ctx, onSubmit).all());
    return ToolRegistry.of(tools);
  }

  /** Every tool over {@code ctx}, ignoring submitted diagnoses. */
  public static ToolRegistry registry(AciContext ctx) {
    return registry(ctx, d -> { });
  }
}
