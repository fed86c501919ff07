package dev.responder.agent.redact;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "openai key     | using sk-proj-abcdefghijklmnopqrstuvwx now       | using <redacted:api_key:1> now",
      "anthropic key  | key=sk-ant-api03-AbCdEfGhIjKlMnOpQrSt done      | key=<redacted:api_key:1> done",
      "aws key        | AKIAIOSFODNN7EXAMPLE in env                       | <redacted:api_key:1> in env",
      "github token   | ghp_abcdefghijklmnopqrstuvwxyz0123456789 pushed   | <redacted:api_key:1> pushed",
      "slack token    | xoxb-123456789012-abcdefghij posted               | <redacted:api_key:1> posted",
      "google key     | AIzaSyA-1234567890abcdefghijklmnopqrstu ok        | <redacted:api_key:1> ok",
      "bearer         | Authorization: Bearer abc123.def456-ghi           | Authorization: Bearer <redacted:token:1>",
      "password=      | login failed password=hunter2 user=bob            | login failed password=<redacted:secret:1> user=bob",
      "passwd:        | passwd: s3cr3t!                                   | passwd: <redacted:secret:1>",
      "db_password    | DB_PASSWORD=\"pa55\"                              | DB_PASSWORD=\"<redacted:secret:1>\"",
      "secret=        | client_secret=xyz789&grant=code                   | client_secret=<redacted:secret:1>&grant=code",
      "token=         | ?access_token=tok_42abc                           | ?access_token=<redacted:secret:1>",
      "email          | user alice.smith+ops@example.co.uk logged in      | user <redacted:email:1> logged in",
      "visa           | card 4111 1111 1111 1111 declined                 | card <redacted:card:1> declined",
      "plural kept    | input_tokens: 1234, passwords: 3                  | input_tokens: 1234, passwords: 3",
  })
  void redact_replacesSecretsAndPersonalData(String kind, String input, String expected) {
    assertThat(Redactor.standard().redact(input)).isEqualTo(expected);
  }

  @Test
  void redact_replacesJwts_asOneToken() {
    String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

    assertThat(Redactor.standard().redact("Authorization: Bearer " + jwt))
        .isEqualTo("Authorization: Bearer <redacted:jwt:1>");
  }

  @Test
  void redact_replacesPrivateKeyBlocks_includingJsonEscapedOnes() {
    String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\nabc\n-----END RSA PRIVATE KEY-----";
    String escaped = "{\"line\":\"-----BEGIN PRIVATE KEY-----\\nMIIEvQ\\n-----END PRIVATE KEY-----\"}";

    assertThat(Redactor.standard().redact("key: " + pem + " end")).isEqualTo("key: <redacted:private_key:1> end");
    assertThat(Redactor.standard().redact(escaped)).isEqualTo("{\"line\":\"<redacted:private_key:1>\"}");
  }

  @Test
  void redact_keepsJsonValid_forQuotedSecretValues() {
    String json = "{\"password\": \"hunter2\", \"user\": \"bob@example.com\"}";

    assertThat(Redactor.standard().redact(json))
        .isEqualTo("{\"password\": \"<redacted:secret:1>\", \"user\": \"<redacted:email:1>\"}");
  }

  @Test
  void redact_keepsNumbersThatFailLuhn() {
    assertThat(Redactor.standard().redact("order 4111 1111 1111 1112 shipped"))
        .isEqualTo("order 4111 1111 1111 1112 shipped");
  }

  @Test
  void redact_keepsIpAddresses_byDefault_andReplacesThemWhenAsked() {
    String line = "conn from 10.0.3.17 and fe80::1ff:fe23:4567:890a at 12:30:45";

    assertThat(Redactor.standard().redact(line)).isEqualTo(line);
    assertThat(Redactor.create(Redactor.Settings.withIpAddresses()).redact(line))
        .isEqualTo("conn from <redacted:ip:1> and <redacted:ip:2> at 12:30:45");
  }

  @Test
  void redact_givesTheSameValueTheSamePlaceholder_acrossCalls() {
    Redactor r = Redactor.standard();

    String first = r.redact("a@x.io wrote to b@x.io");
    String second = r.redact("b@x.io replied to a@x.io");

    assertThat(first).isEqualTo("<redacted:email:1> wrote to <redacted:email:2>");
    assertThat(second).isEqualTo("<redacted:email:2> replied to <redacted:email:1>");
    assertThat(r.distinctValues()).isEqualTo(2);
  }

  @Property
  void redact_isIdempotent(@ForAll("logLines") String line) {
    Redactor r = Redactor.create(Redactor.Settings.withIpAddresses());
    String once = r.redact(line);

    assertThat(r.redact(once)).isEqualTo(once);
  }

  @Property
  void redact_leavesNoEmailOrKeyBehind(@ForAll("emails") String email, @ForAll("keys") String key) {
    String out = Redactor.standard().redact("user " + email + " used " + key + " at noon");

    assertThat(out).doesNotContain(email).doesNotContain(key).startsWith("user <redacted:email:1> used <redacted:")
        .endsWith(" at noon");
  }

  @Property
  void redact_replacesEveryValidCardNumber(@ForAll("luhnNumbers") String number) {
    assertThat(Redactor.standard().redact("paid with " + number)).isEqualTo("paid with <redacted:card:1>");
  }

  @Provide
  Arbitrary<String> emails() {
    Arbitrary<String> local = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('.', '_', '+')
        .ofMinLength(1).ofMaxLength(12).filter(s -> Character.isLetterOrDigit(s.charAt(0)));
    Arbitrary<String> domain = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10);
    Arbitrary<String> tld = Arbitraries.of("com", "io", "org", "co.uk", "dev");
    return Combinators.combine(local, domain, tld).as((l, d, t) -> l + "@" + d + "." + t);
  }

  @Provide
  Arbitrary<String> keys() {
    Arbitrary<String> body = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').numeric()
        .ofMinLength(40).ofMaxLength(48);
    return Combinators.combine(Arbitraries.of("sk-", "sk-ant-", "ghp_", "xoxb-"), body).as((p, b) -> p + b);
  }

  @Provide
  Arbitrary<String> luhnNumbers() {
    return Arbitraries.strings().numeric().ofLength(15).filter(s -> s.chars().distinct().count() > 1).map(s -> {
      for (int check = 0; check <= 9; check++) {
        if (PatternRedactor.passesLuhn(s + check)) {
          return s + check;
        }
      }
      throw new IllegalStateException("no Luhn check digit for " + s);
    });
  }

  @Provide
  Arbitrary<String> logLines() {
    Arbitrary<String> parts = Arbitraries.oneOf(
        Arbitraries.strings().alpha().numeric().withChars(' ', ':', '=', '.', '"', '-', '@').ofMaxLength(20),
        emails(), keys(), Arbitraries.of("password=abc", "token: xyz", "10.1.2.3", "::1", "4111111111111111",
            "Bearer abcdefghij"));
    return parts.list().ofMaxSize(8).map(l -> String.join(" ", l));
  }
}
