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
      long mask = DerivedKeys.textMask(query.toLowerCase(Locale.ROOT));

      assertThat(DerivedKeys.bodySignature(body) & mask).as("body '%s' text '%s'", body, query).isEqualTo(mask);
    }
  }

  @Test
  void bodySignature_ofNonAsciiBody_hasEveryBit() {
    assertThat(DerivedKeys.bodySignature("Kelvin \u212A")).isEqualTo(-1L);
  }

  @Test
  void textMask_ofShortText_isZero_soEveryBodyPasses() {
    assertThat(DerivedKeys.textMask("ab")).isZero();
    assertThat(DerivedKeys.textMask("")).isZero();
  }

  @Test
  void bodySignature_ofTypicalLine_leavesMostOtherTextsOut() {
    long sig = DerivedKeys.bodySignature("GET /api/v1/orders/4711 completed in 12 ms");

    assertThat(sig & DerivedKeys.textMask("connection refused")).isNotEqualTo(DerivedKeys.textMask("connection refused"));
    assertThat(Long.bitCount(sig)).isBetween(20, 45);
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
