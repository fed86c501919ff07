package dev.responder.bench.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AgentsBenchCommandTest {

  @Test
  void naiveBaseline_withoutAModel_isReportedAsNotRun() {
    String out = run(new AgentsBenchCommand(), "--only", "no_fault-shop-detection");
    assertThat(out).contains("| detection | false positives on no-fault | 0.0 % | not run: no model configured |");
  }

  @Test
  void naiveBaseline_withAScriptedModel_getsRawBoundedTelemetryWithoutTools_andIsScoredLikeTheOthers() {
    ScriptedModel model = new ScriptedModel(List.of(
        "{\"incident\": true, \"root_cause_service\": \"cart\", \"fault_type\": \"memory_leak\", \"candidates\": [\"cart\"]}",
        "Here is my answer: {\"incident\": false}"));
    AgentsBenchCommand bench = new AgentsBenchCommand();
    bench.models = spec -> {
      assertThat(spec).isEqualTo("scripted/naive");
      return model;
    };

    String out = run(bench, "--only", "memory_leak-cart-rca", "--only", "no_fault-shop-detection",
        "--baseline-model", "scripted/naive");

    assertThat(out).contains("| detection | accuracy on faults | 100.0 % | 100.0 % |")
        .contains("| detection | false positives on no-fault | 0.0 % | 0.0 % |")
        .contains("| localization | AC@1 | 100.0 % | 100.0 % |")
        .contains("| rca | service and fault type | 100.0 % | 100.0 % |");
    assertThat(model.requests).hasSize(2).allSatisfy(r -> {
      assertThat(r.toolSpecifications()).isEmpty();
      assertThat(r.messages().getLast().toString()).contains("Metrics (service metric", "log lines of the window");
    });
  }

  private static String run(AgentsBenchCommand bench, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(bench).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    assertThat(code).as(err.toString()).isZero();
    return out.toString();
  }

  /** Answers the naive prompt with scripted texts in order, recording each request. */
  private static final class ScriptedModel implements ChatModel {
    final List<ChatRequest> requests = new ArrayList<>();
    private final List<String> answers;

    ScriptedModel(List<String> answers) {
      this.answers = answers;
    }

    @Override
    public synchronized ChatResponse doChat(ChatRequest request) {
      requests.add(request);
      return ChatResponse.builder().aiMessage(AiMessage.from(answers.get(requests.size() - 1)))
          .modelName("scripted").tokenUsage(new TokenUsage(1000, 50)).build();
    }
  }
}
