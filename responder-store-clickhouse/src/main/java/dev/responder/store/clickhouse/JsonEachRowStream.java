package dev.responder.store.clickhouse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The body of an INSERT: rows encoded as {@code JSONEachRow} on demand, a chunk of about {@value #CHUNK_BYTES}
 * bytes at a time, so that an insert of a million points holds one chunk of text rather than the whole batch.
 * Single use, like any request body stream.
 */
final class JsonEachRowStream<T> extends InputStream {
  static final int CHUNK_BYTES = 64 * 1024;
  private static final JsonFactory JSON = new JsonFactory();

  /** Writes one row as a JSON object whose fields are the table's columns. */
  @FunctionalInterface
  interface RowWriter<T> {
    void write(JsonGenerator json, T row) throws IOException;
  }

  private final List<T> rows;
  private final RowWriter<T> writer;
  private final Chunk chunk = new Chunk();
  private final JsonGenerator json;
  private int next;
  private int pos;

  JsonEachRowStream(List<T> rows, RowWriter<T> writer) {
    this.rows = rows;
    this.writer = writer;
    try {
      this.json = JSON.createGenerator(chunk);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a JSON generator over memory", e);
    }
    json.setRootValueSeparator(new SerializedString("\n"));
  }

  @Override
  public int read() throws IOException {
    if (!fill()) {
      return -1;
    }
    return chunk.bytes()[pos++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, chunk.size() - pos);
    System.arraycopy(chunk.bytes(), pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    json.close();
  }

  /** Encodes the next rows when the current chunk is used up; false at the end of the rows. */
  private boolean fill() throws IOException {
    if (pos < chunk.size()) {
      return true;
    }
    chunk.reset();
    pos = 0;
    while (next < rows.size() && chunk.size() + json.getOutputBuffered() < CHUNK_BYTES) {
      writer.write(json, rows.get(next++));
    }
    json.flush();
    return chunk.size() > 0;
  }

  /** A byte buffer whose array can be read without a copy. */
  private static final class Chunk extends ByteArrayOutputStream {
    Chunk() {
      super(CHUNK_BYTES + CHUNK_BYTES / 4);
    }

    byte[] bytes() {
      return buf;
    }
  }
}
