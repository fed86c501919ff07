package dev.responder.core.action;

/** How far Responder may go on its own for a class of action, in increasing order of trust. */
public enum AutonomyLevel {
  /** Investigate only; propose nothing. */
  OBSERVE,
  /** Propose actions for people to carry out. */
  RECOMMEND,
  /** Execute after a person approves. */
  SUPERVISED,
  /** Execute, then notify. */
  AUTONOMOUS;

  public boolean allows(AutonomyLevel needed) {
    return compareTo(needed) >= 0;
  }
}
