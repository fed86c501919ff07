package dev.responder.store.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlTest {

  @Test
  void quote_escapesQuotesBackslashesAndControlCharacters() {
    assertThat(Sql.quote("it's C:\\tmp\n\t\0")).isEqualTo("'it\\'s C:\\\\tmp\\n\\t\\0'");
  }

  @Test
  void isIdentifier_acceptsPlainNamesOnly() {
    assertThat(Sql.isIdentifier("responder_2")).isTrue();
    assertThat(Sql.isIdentifier("2fast")).isFalse();
    assertThat(Sql.isIdentifier("a-b")).isFalse();
    assertThat(Sql.isIdentifier("x`; DROP DATABASE y")).isFalse();
    assertThat(Sql.isIdentifier(null)).isFalse();
  }

  @Test
  void andEquals_matchesAll_whenFilterIsNull() {
    assertThat(Sql.andEquals("service", null)).isEmpty();
    assertThat(Sql.andEquals("service", "a'b")).isEqualTo(" AND service = 'a\\'b'");
  }
}
