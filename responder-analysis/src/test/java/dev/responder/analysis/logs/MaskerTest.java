package dev.responder.analysis.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskerTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "42|<*>",
      "-17|<*>",
      "3.14|<*>",
      "10.251.73.220:50010|<*>",
      "[fe80::1ff:fe23:4567:890a]:8080|[<*>]:<*>",
      "0x7fed806eb5d|<*>",
      "blk_-6952295868487656571|<*>",
      "123e4567-e89b-12d3-a456-426614174000|<*>",
      "35ms|<*>",
      "64MB,|<*>,",
      "uid=0|uid=<*>",
      "rhost=218.188.2.4|rhost=<*>",
      "logname=|logname=",
      "(HWID=1973)|(HWID=<*>)",
      "/var/log/messages|<*>",
      "/var/log/messages:|<*>:",
      "https://example.org/a?b=c|<*>",
      "ops@example.org|<*>",
      "overlap:true|overlap:<*>",
      "mask=ffffffff|mask=<*>",
      "instruction......0x00000000|instruction......<*>",
      "67108864.|<*>.",
      "terminating|terminating",
      "TCP/IP|TCP/IP",
      "Connection|Connection",
  })
  void maskToken_masksGenericVariables_keepsWords(String token, String expected) {
    assertThat(Masker.maskedTokens(token)).containsExactly(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "read 64 KB in 35 ms|read <*> in <*>",
      "at Sat Jun 18 02:08:10 2005|at <*>",
      "took  3   s|took <*>",
      "the s key|the s key",
      "sent 4 KB, 2 s|sent <*> <*>, <*>",
  })
  void maskedTokens_masksUnitsAfterNumbersAndDateWords_intoOneWildcardPerRun(String line, String expected) {
    assertThat(String.join(" ", Masker.maskedTokens(line))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "ask 10.0.0.1:50010 to delete blk_1 blk_2 blk_3|ask <*> to delete <*>",
      "ask 10.0.0.1:50010 to delete blk_1|ask <*> to delete <*>",
      "called by a.b.C.run:12 a.b.D.call:7 a.b.E.main:3|called by <*>",
  })
  void maskedTokens_collapsesVariableLengthListsIntoOneWildcard(String line, String expected) {
    assertThat(String.join(" ", Masker.maskedTokens(line))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "via interface alt0|via interface alt0",
      "port 22 ssh2|port <*> ssh2",
      "creating device node '/udev/vcs2'|creating device node '/udev/<*>'",
      "node a1 up|node <*> up",
  })
  void maskedTokens_keepsDeviceNames_butNotFileNames(String line, String expected) {
    assertThat(String.join(" ", Masker.maskedTokens(line))).isEqualTo(expected);
  }

  @Test
  void maskedTokens_keepsAQuotedValueWithSpacesInOneToken() {
    assertThat(Masker.maskedTokens("acquire tag=\"View Lock\", uid=7")).containsExactly("acquire", "tag=\"View Lock\",", "uid=<*>");
    assertThat(Masker.maskedTokens("say \"hello world\"")).containsExactly("say", "\"hello", "world\"");
  }
}
