package dev.responder.app.investigate;

import static dev.responder.app.aci.AciTools.GET_EVENTS;
import static dev.responder.app.aci.AciTools.GET_RUNBOOK;
import static dev.responder.app.aci.AciTools.GET_TOPOLOGY;
import static dev.responder.app.aci.AciTools.GET_TRACES;
import static dev.responder.app.aci.AciTools.LIST_SERVICES;
import static dev.responder.app.aci.AciTools.LOG_PATTERNS;
import static dev.responder.app.aci.AciTools.QUERY_METRICS;
import static dev.responder.app.aci.AciTools.RANK_ROOT_CAUSES;
import static dev.responder.app.aci.AciTools.RECENT_CHANGES;
import static dev.responder.app.aci.AciTools.RUN_DIAGNOSTIC;
import static dev.responder.app.aci.AciTools.SEARCH_LOGS;
import static dev.responder.app.aci.AciTools.SIMILAR_INCIDENTS;
import static dev.responder.app.aci.AciTools.TOP_ANOMALIES;
import static dev.responder.app.aci.AciTools.TRACE_BREAKDOWN;

import java.util.Locale;
import java.util.Set;

/**
 * A domain expert the coordinator routes an incident to. Each sees only the tools of its domain; the registry
 * refuses any other (see {@code ToolRegistry#scoped}). None may submit the diagnosis: that is the coordinator's.
 */
public enum Specialist {
  PERFORMANCE("latency, saturation, memory, threads, noisy neighbours",
      Set.of(LIST_SERVICES, GET_TOPOLOGY, QUERY_METRICS, TOP_ANOMALIES, LOG_PATTERNS, GET_TRACES, TRACE_BREAKDOWN,
          RANK_ROOT_CAUSES, GET_EVENTS, RUN_DIAGNOSTIC, SIMILAR_INCIDENTS, GET_RUNBOOK)),
  ERRORS("errors and availability: failing calls, DNS, TLS, network, third parties",
      Set.of(LIST_SERVICES, GET_TOPOLOGY, QUERY_METRICS, SEARCH_LOGS, LOG_PATTERNS, GET_TRACES, TRACE_BREAKDOWN,
          RANK_ROOT_CAUSES, RUN_DIAGNOSTIC, SIMILAR_INCIDENTS)),
  DATA("databases, caches, queues, connection pools, disks",
      Set.of(LIST_SERVICES, GET_TOPOLOGY, QUERY_METRICS, TOP_ANOMALIES, SEARCH_LOGS, LOG_PATTERNS, GET_EVENTS,
          RUN_DIAGNOSTIC)),
  CHANGE("deploys, config changes, feature flags, scaling",
      Set.of(LIST_SERVICES, GET_TOPOLOGY, RECENT_CHANGES, QUERY_METRICS, SEARCH_LOGS, LOG_PATTERNS, GET_EVENTS)),
  SECURITY("attacks and compromise: credential stuffing, foreign processes, suspicious egress",
      Set.of(LIST_SERVICES, GET_TOPOLOGY, QUERY_METRICS, SEARCH_LOGS, LOG_PATTERNS, RUN_DIAGNOSTIC));

  private final String domain;
  private final Set<String> tools;

  Specialist(String domain, Set<String> tools) {
    this.domain = domain;
    this.tools = Set.copyOf(tools);
  }

  /** What this specialist investigates, in words. */
  public String domain() {
    return domain;
  }

  /** The names of the tools it may call. */
  public Set<String> tools() {
    return tools;
  }

  /** The agent name used in scoped registries, transcripts and evidence. */
  public String agent() {
    return name().toLowerCase(Locale.ROOT);
  }
}
