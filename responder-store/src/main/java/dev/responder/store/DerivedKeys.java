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
 * <p>The body signature sets one of 128 bits per ASCII trigram of the lower-cased body, kept in two BIGINT
 * columns ({@code body_sig} the low word, {@code body_sig2} the high one). A body that contains the search text
 * (case-insensitively) has every bit of the text's {@link #textMask mask}, so the prefilter never drops a match; it
 * only spares DuckDB reading and comparing the body for most lines that cannot match. 64 bits were too few: a
 * typical 50-character line sets about half of them; with 128 it sets about a third. On the store benchmark's 5 M
 * lines "connection 90" (289 matches) passes 6 323 lines instead of 9 828: most survivors contain "connection"
 * and collide only on the text's two rarer trigrams. The word of a trigram is one
 * hash bit and its position the top six, the position the 64-bit signature of schema version 1 used, so a version 1
 * row's signature covers the low word of every mask (its {@code body_sig2} is all ones). Bodies with non-ASCII
 * characters get all bits, because Unicode case folding can turn a non-ASCII character into ASCII ones.
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

  /** 128 bits of trigrams: a body's signature or a search text's mask. */
  record Trigrams(long low, long high) {
    /** The signature of a body that must pass every prefilter. */
    static final Trigrams ALL = new Trigrams(-1L, -1L);

    /** Whether every bit of {@code mask} is set here. */
    boolean covers(Trigrams mask) {
      return (low & mask.low) == mask.low && (high & mask.high) == mask.high;
    }
  }

  /** The trigram signature of a log body. */
  static Trigrams bodySignature(String body) {
    int n = body.length();
    long low = 0;
    long high = 0;
    int a = 0;
    int b = 0;
    for (int i = 0; i < n; i++) {
      int c = body.charAt(i);
      if (c >= 0x80) {
        return Trigrams.ALL;
      }
      c = c >= 'A' && c <= 'Z' ? c + 32 : c;
      if (i >= 2) {
        long h = hash(a, b, c);
        if (inHighWord(h)) {
          high |= bit(h);
        } else {
          low |= bit(h);
        }
      }
      a = b;
      b = c;
    }
    return new Trigrams(low, high);
  }

  /**
   * The bits every body containing {@code lowerText} has. Trigrams with a non-ASCII character are skipped (the
   * mask only has to be implied by a match, not to describe the text fully); shorter texts give zero, which
   * every body satisfies.
   */
  static Trigrams textMask(String lowerText) {
    long low = 0;
    long high = 0;
    for (int i = 2; i < lowerText.length(); i++) {
      int a = lowerText.charAt(i - 2);
      int b = lowerText.charAt(i - 1);
      int c = lowerText.charAt(i);
      if (a < 0x80 && b < 0x80 && c < 0x80) {
        long h = hash(a, b, c);
        if (inHighWord(h)) {
          high |= bit(h);
        } else {
          low |= bit(h);
        }
      }
    }
    return new Trigrams(low, high);
  }

  private static long hash(int a, int b, int c) {
    return ((long) a << 16 | (long) b << 8 | c) * 0x9E3779B97F4A7C15L;
  }

  private static boolean inHighWord(long hash) {
    return (hash & (1L << 57)) != 0;
  }

  private static long bit(long hash) {
    return 1L << (hash >>> 58);
  }
}
