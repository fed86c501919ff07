package dev.responder.core.action;

/** How much harm an action can do if it is wrong. */
public enum Risk { LOW, MEDIUM, HIGH }
