package dev.responder.store;

import dev.responder.core.error.ConfigException;
import dev.responder.core.error.PermanentException;
import dev.responder.core.error.TransientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.duckdb.DuckDBConnection;

/**
 * The connections to one DuckDB database. DuckDB connections are not thread-safe and the database has a single
 * writer, so writes take one lock-guarded connection while reads borrow one of several duplicates of it (DuckDB's
 * MVCC lets them read while a write is in flight). A lifecycle lock keeps {@link #close()} from pulling a
 * connection out from under a running call.
 */
final class DuckDbConnections implements AutoCloseable {
  /** More idle readers than this are closed rather than pooled; the pool grows on demand. */
  private static final int MAX_IDLE_READERS = 8;

  /** A unit of work on a connection. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(DuckDBConnection connection) throws Exception;
  }

  private final String name;
  private final DuckDBConnection writer;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Deque<DuckDBConnection> idleReaders = new ArrayDeque<>();
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  private DuckDbConnections(String name, DuckDBConnection writer) {
    this.name = name;
    this.writer = writer;
  }

  /**
   * Opens (creating if needed) the database file, or an in-memory database for null or {@code :memory:}.
   *
   * @throws ConfigException when the file is locked by another process, is not a DuckDB file, or its directory
   *     cannot be used; the message names the path
   */
  static DuckDbConnections open(Path file) {
    boolean memory = file == null || file.toString().equals(":memory:");
    String name = memory ? "duckdb::memory:" : "duckdb:" + file.toAbsolutePath();
    if (!memory) {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new ConfigException("DuckDB file " + file.toAbsolutePath() + " cannot be created: directory " + parent
            + " does not exist");
      }
    }
    String url = memory ? "jdbc:duckdb:" : "jdbc:duckdb:" + file.toAbsolutePath();
    DuckDBConnection connection;
    try {
      connection = DriverManager.getConnection(url).unwrap(DuckDBConnection.class);
    } catch (SQLException e) {
      throw openFailure(file, e);
    }
    try {
      // Checkpoints compress and rewrite; at the default 16 MB of WAL, heavy log ingest spends about half its time
      // in them. 256 MB halves that, at the price of a longer WAL replay after a crash.
      execute(connection, "SET checkpoint_threshold = '256MB'");
      // Each query on its caller's thread. Responder's queries are small (a window's row groups), and on a small
      // shared machine DuckDB's hand-offs between worker threads cost more than they gain: on 2 cores busy with
      // other work a top-deviations query fell from 121 to 13 ms, on idle ones the benchmark's queries were no
      // slower, and log and span ingest ran about 1.3x faster (checkpoints no longer compete with the appending
      // thread). Concurrent readers still run in parallel, one connection each.
      execute(connection, "SET threads = 1");
    } catch (SQLException e) {
      closeQuietly(connection);
      throw openFailure(file, e);
    }
    return new DuckDbConnections(name, connection);
  }

  private static RuntimeException openFailure(Path file, SQLException e) {
    String message = String.valueOf(e.getMessage());
    String where = file == null ? ":memory:" : file.toAbsolutePath().toString();
    if (message.contains("lock")) {
      return new ConfigException("DuckDB file " + where + " is in use by another process (DuckDB allows one writer "
          + "process per file); stop it or use another file. " + message, e);
    }
    if (message.contains("not a valid DuckDB database") || message.contains("Corrupt")
        || message.contains("checksum") || message.contains("Serialization")) {
      return new ConfigException("DuckDB file " + where + " is not a valid or intact DuckDB database; move it away "
          + "or restore a backup. " + message, e);
    }
    return new ConfigException("cannot open DuckDB file " + where + ": " + message, e);
  }

  /** How messages name the database, e.g. {@code duckdb:/var/lib/responder/telemetry.db}. */
  String name() {
    return name;
  }

  /** Runs {@code work} on the writer connection, one writer at a time. */
  <T> T write(SqlWork<T> work) throws Exception {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      writeLock.lock();
      try {
        return work.run(writer);
      } finally {
        writeLock.unlock();
      }
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** Runs {@code work} in one transaction on the writer connection: all of it is committed or none of it. */
  <T> T transaction(SqlWork<T> work) throws Exception {
    return write(connection -> {
      execute(connection, "BEGIN TRANSACTION");
      boolean committed = false;
      try {
        T result = work.run(connection);
        execute(connection, "COMMIT");
        committed = true;
        return result;
      } finally {
        if (!committed) {
          rollbackQuietly(connection);
        }
      }
    });
  }

  /**
   * Runs {@code work} on a reader connection in one read transaction, so that every statement of it sees the same
   * committed snapshot: a page's rows and its count of omitted rows agree even while ingest appends.
   */
  <T> T read(SqlWork<T> work) throws Exception {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      DuckDBConnection reader = borrowReader();
      boolean healthy = false;
      try {
        execute(reader, "BEGIN TRANSACTION");
        T result = work.run(reader);
        execute(reader, "COMMIT");
        healthy = true;
        return result;
      } finally {
        if (!healthy) {
          rollbackQuietly(reader);
        }
        returnReader(reader, healthy);
      }
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      execute(connection, "ROLLBACK");
    } catch (SQLException e) {
      // The transaction may already be aborted by the failure being reported; that failure is what matters.
    }
  }

  private DuckDBConnection borrowReader() throws SQLException {
    synchronized (idleReaders) {
      DuckDBConnection idle = idleReaders.pollFirst();
      if (idle != null) {
        return idle;
      }
    }
    return writer.duplicate().unwrap(DuckDBConnection.class);
  }

  private void returnReader(DuckDBConnection reader, boolean healthy) {
    if (healthy) {
      synchronized (idleReaders) {
        if (idleReaders.size() < MAX_IDLE_READERS) {
          idleReaders.addFirst(reader);
          return;
        }
      }
    }
    closeQuietly(reader);
  }

  private void ensureOpen() {
    if (closed) {
      throw new PermanentException(name + " is closed");
    }
  }

  /** Closes every connection once in-flight calls have finished. */
  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      List<DuckDBConnection> all;
      synchronized (idleReaders) {
        all = new ArrayList<>(idleReaders);
        idleReaders.clear();
      }
      all.forEach(DuckDbConnections::closeQuietly);
      try {
        writer.close();
      } catch (SQLException e) {
        throw new TransientException(name + ": closing the database failed: " + e.getMessage(), e);
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // A reader that fails to close holds no data of its own; the database closes with the writer.
    }
  }
}
