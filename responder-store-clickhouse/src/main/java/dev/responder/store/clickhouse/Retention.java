package dev.responder.store.clickhouse;

import dev.responder.core.error.TransientException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Deletes telemetry older than a cutoff. Whole UTC days before the cutoff's day go with {@code DROP PARTITION},
 * which is instant; the rest of the cutoff's day needs {@code ALTER TABLE ... DELETE}, a mutation that 18.16 runs
 * asynchronously (it has no {@code mutations_sync}), so this waits for it in {@code system.mutations}.
 * Rows are counted first, because neither statement reports how many rows it removed.
 */
final class Retention {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
  private static final Duration POLL = Duration.ofMillis(25);

  private final ClickHouseHttp http;
  private final Duration mutationTimeout;

  Retention(ClickHouseHttp http, Duration mutationTimeout) {
    this.http = http;
    this.mutationTimeout = mutationTimeout;
  }

  /** Deletes rows strictly before {@code cutoff} from every table; returns how many there were. */
  long deleteOlderThan(Instant cutoff) throws InterruptedException {
    long deleted = 0;
    for (Table table : Table.values()) {
      deleted += delete(table, cutoff.toEpochMilli(), Long.parseLong(DAY.format(cutoff)));
    }
    return deleted;
  }

  private long delete(Table table, long cutoffMillis, long cutoffDay) throws InterruptedException {
    String older = table.tsColumn() + " < " + cutoffMillis;
    long count = count(table, older);
    if (count == 0) {
      return 0;
    }
    for (String partition : partitions(table)) {
      // Partition ids are the yyyyMMdd UTC day; every row of an earlier day is older than the cutoff.
      if (Long.parseLong(partition) < cutoffDay) {
        http.execute("retention drop of partition " + partition + " of " + table.sqlName(),
            "ALTER TABLE " + table.sqlName() + " DROP PARTITION " + Long.parseLong(partition));
      }
    }
    if (count(table, older) > 0) {
      http.execute("retention delete on " + table.sqlName(), "ALTER TABLE " + table.sqlName() + " DELETE WHERE " + older);
      awaitMutations(table);
    }
    return count;
  }

  private long count(Table table, String where) {
    return http.query("retention count on " + table.sqlName(),
        "SELECT count() AS n FROM " + table.sqlName() + " WHERE " + where, row -> row.get("n").asLong()).getFirst();
  }

  private List<String> partitions(Table table) {
    return http.query("partition list of " + table.sqlName(),
        "SELECT DISTINCT partition FROM system.parts WHERE active AND database = " + Sql.quote(http.database())
            + " AND table = " + Sql.quote(table.sqlName()), row -> row.get("partition").asText());
  }

  private void awaitMutations(Table table) throws InterruptedException {
    String pending = "SELECT count() AS n FROM system.mutations WHERE is_done = 0 AND database = "
        + Sql.quote(http.database()) + " AND table = " + Sql.quote(table.sqlName());
    long attempts = Math.max(1, mutationTimeout.toMillis() / POLL.toMillis());
    for (long i = 0; i < attempts; i++) {
      if (http.query("mutation wait on " + table.sqlName(), pending, row -> row.get("n").asLong()).getFirst() == 0) {
        return;
      }
      Thread.sleep(POLL);
    }
    throw new TransientException("retention delete on " + table.sqlName() + " in " + http.database() + " at "
        + http.endpoint() + " still running after " + mutationTimeout + "; it finishes in the background");
  }
}
