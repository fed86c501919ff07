package dev.responder.store;

import dev.responder.core.error.PermanentException;
import dev.responder.core.error.ResponderException;
import dev.responder.core.error.TransientException;
import java.sql.SQLException;

/** Translates failures of the DuckDB repositories into Responder's exception family, naming file and operation. */
final class DuckDbFailures {
  private DuckDbFailures() {}

  /** Work against the database that may throw anything. */
  @FunctionalInterface
  interface Work<T> {
    T run() throws Exception;
  }

  static <T> T call(DuckDbConnections connections, String operation, Work<T> work) {
    try {
      return work.run();
    } catch (Exception e) {
      throw translate(connections.name(), operation, e);
    }
  }

  static RuntimeException translate(String name, String operation, Exception failure) {
    if (failure instanceof ResponderException || failure instanceof IllegalArgumentException) {
      return (RuntimeException) failure;
    }
    if (failure instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    String message = name + ": " + operation + " failed: " + failure.getMessage();
    String text = String.valueOf(failure.getMessage());
    boolean transientFailure = failure instanceof InterruptedException || (failure instanceof SQLException
        && (text.contains("Conflict") || text.contains("lock") || text.contains("Interrupt")));
    return transientFailure ? new TransientException(message, failure) : new PermanentException(message, failure);
  }
}
