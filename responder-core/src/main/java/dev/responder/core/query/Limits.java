package dev.responder.core.query;

/** Row limits shared by every typed query. */
public final class Limits {
  /** Rows a query returns when the caller does not say. */
  public static final int DEFAULT = 100;
  /** The most rows any query returns at once. */
  public static final int MAX = 100_000;

  private Limits() {}

  public static int check(int limit) {
    if (limit < 1 || limit > MAX) {
      throw new IllegalArgumentException("limit must be in 1.." + MAX + " but was " + limit);
    }
    return limit;
  }
}
