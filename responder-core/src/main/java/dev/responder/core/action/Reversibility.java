package dev.responder.core.action;

/** Whether an action can be undone by an inverse action. */
public enum Reversibility { REVERSIBLE, IRREVERSIBLE }
