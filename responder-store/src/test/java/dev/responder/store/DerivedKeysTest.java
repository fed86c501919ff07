package dev.responder.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The derived keys must never hide a match: properties checked on seeded random text. */
class DerivedKeysTest {
  private static final String ALPHABET = "abcXYZ /:_-%09é";

  private static String random(SplittableRandom random, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }

  @Test
  void bodySignature_containsTheMaskOfEverySubstring_inAnyCase() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 20_000; i++) {
      String body = random(random, 1 + random.nextInt(80));
      int from = random.nextInt(body.length());
      int to = from + random.nextInt(body.length() - from + 1);
      String text = body.substring(from, to);
      String query = random.nextBoolean() ? text.toUpperCase(Locale.ROOT) : text;
      DerivedKeys.Trigrams mask = DerivedKeys.textMask(query.toLowerCase(Locale.ROOT));

      assertThat(DerivedKeys.bodySignature(body).covers(mask)).as("body '%s' text '%s'", body, query).isTrue();
    }
  }

  @Test
  void bodySignature_ofNonAsciiBody_hasEveryBit() {
    assertThat(DerivedKeys.bodySignature("Kelvin \u212A")).isEqualTo(DerivedKeys.Trigrams.ALL);
  }

  @Test
  void textMask_ofShortText_isZero_soEveryBodyPasses() {
    assertThat(DerivedKeys.textMask("ab")).isEqualTo(new DerivedKeys.Trigrams(0, 0));
    assertThat(DerivedKeys.textMask("")).isEqualTo(new DerivedKeys.Trigrams(0, 0));
  }

  @Test
  void bodySignature_ofTypicalLine_leavesMostOtherTextsOut() {
    DerivedKeys.Trigrams sig = DerivedKeys.bodySignature("GET /api/v1/orders/4711 completed in 12 ms");

    assertThat(sig.covers(DerivedKeys.textMask("connection refused"))).isFalse();
    assertThat(Long.bitCount(sig.low()) + Long.bitCount(sig.high())).isBetween(25, 50);
  }

  @Test
  void lowWord_isTheSchemaVersion1Signature_soOldRowsStillPassEveryMask() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 2_000; i++) {
      String body = random(random, 3 + random.nextInt(60)).replace("\u00e9", "e");
      String text = body.substring(random.nextInt(body.length() - 2));
      DerivedKeys.Trigrams version1Row = new DerivedKeys.Trigrams(version1Signature(body), -1L);

      assertThat(version1Row.covers(DerivedKeys.textMask(text.toLowerCase(Locale.ROOT)))).as(body).isTrue();
    }
  }

  /** The 64-bit signature that schema version 1 stored in {@code body_sig}, for ASCII bodies. */
  private static long version1Signature(String body) {
    String lower = body.toLowerCase(Locale.ROOT);
    long sig = 0;
    for (int i = 2; i < lower.length(); i++) {
      long h = ((long) lower.charAt(i - 2) << 16 | (long) lower.charAt(i - 1) << 8 | lower.charAt(i)) * 0x9E3779B97F4A7C15L;
      sig |= 1L << (h >>> 58);
    }
    return sig;
  }

  @Test
  void keys_areNeverZero_andSeparateTraceFromSpan() {
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      long key = DerivedKeys.key("trace-" + i, "span-" + i);
      assertThat(key).isNotZero();
      seen.add(key);
    }
    assertThat(seen).hasSize(10_000);
    assertThat(DerivedKeys.key("ab", "c")).isNotEqualTo(DerivedKeys.key("a", "bc"));
    assertThat(DerivedKeys.key("")).isNotZero();
  }
}
