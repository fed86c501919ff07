package dev.responder.analysis.anomaly;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Detectors by name, each with {@link AnomalyDetector.Settings#defaults()}: the registry the CLI and evaluations use. */
public final class AnomalyDetectors {
  /** The detector used when none is named. */
  public static final String DEFAULT = "resonance";

  private static final Map<String, AnomalyDetector.Factory> FACTORIES = new TreeMap<>(Map.of(
      "robust-seasonal", () -> AnomalyDetector.robustSeasonal(AnomalyDetector.Settings.defaults()),
      "resonance", () -> AnomalyDetector.resonance(AnomalyDetector.Settings.defaults()),
      "change-point", () -> AnomalyDetector.changePoint(AnomalyDetector.Settings.defaults()),
      "ensemble", () -> AnomalyDetector.ensemble(List.of(
          AnomalyDetector.robustSeasonal(AnomalyDetector.Settings.defaults()),
          AnomalyDetector.changePoint(AnomalyDetector.Settings.defaults())))));

  private AnomalyDetectors() {}

  /** The known detector names, sorted. */
  public static List<String> names() {
    return List.copyOf(FACTORIES.keySet());
  }

  /**
   * A factory for the named detector.
   *
   * @throws IllegalArgumentException for an unknown name; the message lists the known names
   */
  public static AnomalyDetector.Factory factory(String name) {
    AnomalyDetector.Factory f = name == null ? null : FACTORIES.get(name);
    if (f == null) {
      throw new IllegalArgumentException("unknown detector '" + name + "'; known detectors: " + String.join(", ", names()));
    }
    return f;
  }

  /** A fresh detector of the named kind, for one series. */
  public static AnomalyDetector create(String name) {
    return factory(name).create();
  }
}
