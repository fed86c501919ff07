package dev.responder.analysis.rca;

import dev.responder.core.incident.FaultType;

/** The strongest evidence one signal found for one service: a z-like strength, a line for people, a fault hint. */
record Finding(double strength, String evidence, FaultType hint) {
  static Finding stronger(Finding a, Finding b) {
    if (a == null) {
      return b;
    }
    return b != null && b.strength > a.strength ? b : a;
  }
}
