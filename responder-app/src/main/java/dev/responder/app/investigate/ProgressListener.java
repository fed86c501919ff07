package dev.responder.app.investigate;

/** Receives a line of progress as an investigation runs: who (coordinator or a specialist) is doing what. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (who, what) -> { };

  void on(String who, String what);

  /** This listener, then {@code next}. */
  default ProgressListener andThen(ProgressListener next) {
    return (who, what) -> {
      on(who, what);
      next.on(who, what);
    };
  }
}
