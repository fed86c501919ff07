package dev.responder.app.investigate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LeakShapeTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  private static ObjectNode series(double... values) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ObjectNode s = out.putArray("series").addObject().put("instance", "cart-1");
    ArrayNode pts = s.putArray("points");
    for (int i = 0; i < values.length; i++) {
      pts.addArray().add(T.plusSeconds(60L * i).toString()).add(values[i]);
    }
    return out;
  }

  @Test
  void aSteadyClimb_isALeak() {
    double[] v = new double[20];
    for (int i = 0; i < v.length; i++) {
      v[i] = 500 + 10 * i + (i % 4 == 3 ? -3 : 0);
    }
    assertThat(LeakShape.find(series(v))).startsWith("memory climbed steadily on cart-1 from 500 to");
  }

  @Test
  void aClimbThenAnOomRestart_isALeak() {
    assertThat(LeakShape.find(series(400, 450, 500, 560, 620, 680, 250, 300, 350, 400)))
        .contains("dropped to 250 at once (a restart)");
  }

  @Test
  void noiseAroundALevel_aFallAndTooFewPoints_areNot() {
    SplittableRandom r = new SplittableRandom(7);
    double[] flat = new double[30];
    for (int i = 0; i < flat.length; i++) {
      flat[i] = 512 + r.nextDouble(-20, 20);
    }
    assertThat(LeakShape.find(series(flat))).isNull();
    assertThat(LeakShape.find(series(900, 850, 800, 760, 700, 650, 600, 560, 500))).isNull();
    assertThat(LeakShape.find(series(100, 200, 300, 400))).isNull();
    assertThat(LeakShape.find(series(400, 600, 390, 610, 400, 600, 410, 590, 400, 605)))
        .as("a garbage collector's quick sawtooth").isNull();
    assertThat(LeakShape.find(JsonNodeFactory.instance.objectNode())).isNull();
  }
}
