package dev.responder.store;

/**
 * Numbers that the DuckDB layout derives from strings at ingest so that queries compare integers instead of
 * strings: 64-bit keys for span ids (joins of children to parents, trace lookups) and a trigram signature of each
 * log body (a prefilter for case-insensitive text search).
 *
 * <p>Keys are FNV-1a over the UTF-16 chars followed by MurmurHash3's finaliser; zero is reserved for "none".
 * Queries that join or filter on keys also compare the strings where a collision would change the answer, except
 * the parent join of edges, where a false match needs two of the window's spans to share a 64-bit key (odds below
 * 1e-7 even for millions of spans) and would at worst add one call to one edge.
 *
 * <p>The body signature sets one of 64 bits per ASCII trigram of the lower-cased body. A body that contains the
 * search text (case-insensitively) has every bit of the text's {@link #textMask mask}, so
 * {@code (sig & mask) = mask} never drops a match; it only spares DuckDB the string comparison for most lines
 * that cannot match. Bodies with non-ASCII characters get all bits, because Unicode case folding can turn a
 * non-ASCII character into ASCII ones.
 */
final class DerivedKeys {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private DerivedKeys() {}

  /** The key of one string, e.g. a trace id; never zero. */
  static long key(String value) {
    return finish(mix(FNV_OFFSET, value));
  }

  /** The key of a (trace id, span id) pair; never zero. */
  static long key(String traceId, String spanId) {
    long h = mix(FNV_OFFSET, traceId);
    h = (h ^ '/') * FNV_PRIME;
    return finish(mix(h, spanId));
  }

  private static long mix(long h, String s) {
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * FNV_PRIME;
    }
    return h;
  }

  private static long finish(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == 0 ? 1 : h;
  }

  /** The trigram signature of a log body. */
  static long bodySignature(String body) {
    int n = body.length();
    long sig = 0;
    int a = 0;
    int b = 0;
    for (int i = 0; i < n; i++) {
      int c = body.charAt(i);
      if (c >= 0x80) {
        return -1L;
      }
      c = c >= 'A' && c <= 'Z' ? c + 32 : c;
      if (i >= 2) {
        sig |= bit(a, b, c);
      }
      a = b;
      b = c;
    }
    return sig;
  }

  /**
   * The bits every body containing {@code lowerText} has. Trigrams with a non-ASCII character are skipped (the
   * mask only has to be implied by a match, not to describe the text fully); shorter texts give zero, which
   * every body satisfies.
   */
  static long textMask(String lowerText) {
    long mask = 0;
    for (int i = 2; i < lowerText.length(); i++) {
      int a = lowerText.charAt(i - 2);
      int b = lowerText.charAt(i - 1);
      int c = lowerText.charAt(i);
      if (a < 0x80 && b < 0x80 && c < 0x80) {
        mask |= bit(a, b, c);
      }
    }
    return mask;
  }

  private static long bit(int a, int b, int c) {
    long h = ((long) a << 16 | (long) b << 8 | c) * 0x9E3779B97F4A7C15L;
    return 1L << (h >>> 58);
  }
}
