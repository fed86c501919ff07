package dev.responder.agent.tool;

/** What a tool may do: read telemetry, run diagnostics in the environment, or act on it. */
public enum Permission { READ, DIAGNOSE, ACT }
