package dev.responder.store.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responder.core.error.PermanentException;
import dev.responder.core.error.ResponderException;
import dev.responder.core.error.TransientException;
import org.junit.jupiter.api.Test;

/** How ClickHouse's error bodies become exceptions; the live paths are in {@link ClickHouseStoreBehaviourTest}. */
class ClickHouseHttpTest {

  @Test
  void serverError_isPermanent_withFirstLineTidied() {
    ResponderException e = ClickHouseHttp.serverError("span query", 404,
        "Code: 60, e.displayText() = DB::Exception: Table db.spans doesn't exist., e.what() = DB::Exception\n"
            + "\nstack trace line\n");

    assertThat(e).isInstanceOf(PermanentException.class)
        .hasMessage("clickhouse rejected span query (HTTP 404): Code: 60, DB::Exception: Table db.spans doesn't exist.");
  }

  @Test
  void serverError_isTransient_forOverloadAndTimeoutCodes() {
    assertThat(ClickHouseHttp.serverError("insert", 500, "Code: 252, e.displayText() = DB::Exception: Too many parts"))
        .isInstanceOf(TransientException.class);
    assertThat(ClickHouseHttp.serverError("query", 500, "Code: 202, e.displayText() = DB::Exception: Too many"
        + " simultaneous queries")).isInstanceOf(TransientException.class);
    assertThat(ClickHouseHttp.serverError("query", 503, "Service Unavailable")).isInstanceOf(TransientException.class);
  }

  @Test
  void serverError_boundsVeryLongMessages() {
    ResponderException e = ClickHouseHttp.serverError("query", 400, "Code: 62, " + "x".repeat(5_000));

    assertThat(e.getMessage()).hasSizeLessThan(500).endsWith("...");
  }

  @Test
  void serverError_ofEmptyBody_saysSo() {
    assertThat(ClickHouseHttp.serverError("query", 502, "")).hasMessageContaining("(HTTP 502): (empty body)");
  }
}
