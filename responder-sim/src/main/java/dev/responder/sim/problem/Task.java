package dev.responder.sim.problem;

import java.util.Arrays;
import java.util.Locale;

/** What an agent is asked to do with a problem (AIOpsLab's four task levels). */
public enum Task {
  DETECTION("detection"), LOCALIZATION("localization"), RCA("rca"), MITIGATION("mitigation");

  private final String id;

  Task(String id) {
    this.id = id;
  }

  /** The task's name in problem ids. */
  public String id() {
    return id;
  }

  public static Task parse(String text) {
    for (Task t : values()) {
      if (t.id.equals(text.trim().toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown task '" + text + "'; known: "
        + Arrays.stream(values()).map(Task::id).toList());
  }
}
