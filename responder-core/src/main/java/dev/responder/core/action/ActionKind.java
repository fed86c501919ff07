package dev.responder.core.action;

/** Classes of remediation action; autonomy is granted per class. */
public enum ActionKind {
  SCALE, RESTART, ROLLBACK, SET_CONFIG, TOGGLE_FLAG, FAILOVER, FLUSH_CACHE, RATE_LIMIT, BLOCK_IPS, KILL_PROCESS,
  DRAIN_NODE
}
