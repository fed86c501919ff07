package dev.responder.agent.transcript;

import static dev.responder.agent.testkit.ScriptedChatModel.answer;
import static dev.responder.agent.testkit.ScriptedChatModel.toolCall;
import static dev.responder.agent.testkit.TestTools.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.chat.ChatModel;
import dev.responder.agent.loop.AgentLoop;
import dev.responder.agent.loop.AgentRun;
import dev.responder.agent.loop.Budget;
import dev.responder.agent.loop.RetryPolicy;
import dev.responder.agent.loop.StopTool;
import dev.responder.agent.testkit.ScriptedChatModel;
import dev.responder.agent.testkit.TestTools;
import dev.responder.agent.tool.Permission;
import dev.responder.agent.tool.ToolRegistry;
import dev.responder.agent.tool.ToolResult;
import dev.responder.core.error.PermanentException;
import dev.responder.core.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptTest {
  private static final StopTool SUBMIT = StopTool.of("submit_diagnosis", "Submit.", json("""
      {"type":"object","properties":{"service":{"type":"string"}},"required":["service"]}"""));

  private static AgentRun run(ChatModel model) {
    MutableClock clock = MutableClock.at("2025-06-01T10:00:00Z");
    ToolRegistry tools = ToolRegistry.of(List.of(TestTools.tool("query_logs", Permission.READ,
        "{\"type\":\"object\",\"properties\":{\"service\":{\"type\":\"string\"}}}", args -> {
          clock.advance(Duration.ofSeconds(3));
          return ToolResult.Ok.of(json("{\"lines\":[\"password=hunter2 rejected for \" ,\"" + args.path("service")
              .asText() + " timeout\"]}"));
        })));
    return AgentLoop.builder(model).clock(clock).retry(RetryPolicy.none()).stopTool(SUBMIT).build()
        .run("You are the data specialist.", "Investigate db latency.", tools, Budget.defaults());
  }

  private static ScriptedChatModel recorded() {
    return ScriptedChatModel.of(toolCall("query_logs", "{\"service\":\"db\"}"),
        toolCall("query_logs", "{\"service\":\"cache\"}"),
        toolCall("submit_diagnosis", "{\"service\":\"db\"}")).withModelName("claude-haiku-4-5").withUsage(1200, 80);
  }

  @Test
  void transcript_recordsEveryTurn_withRedactedMessagesToolCallsUsageAndTimestamps() {
    AgentRun run = run(ScriptedChatModel.of(toolCall("query_logs", "{\"service\":\"db\"}"),
        toolCall("submit_diagnosis", "{\"service\":\"db\"}")).withModelName("claude-haiku-4-5"));

    Transcript t = run.transcript();
    assertThat(t.model()).isEqualTo("claude-haiku-4-5");
    assertThat(t.turns()).hasSize(2);
    Transcript.Turn first = t.turns().get(0);
    assertThat(first.sent()).extracting(n -> n.path("type").asText()).containsExactly("SYSTEM", "USER");
    assertThat(first.toolCalls()).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("query_logs");
      assertThat(c.arguments()).isEqualTo("{\"service\":\"db\"}");
      assertThat(c.result()).contains("untrusted_data").contains("password=<redacted:secret:1>")
          .doesNotContain("hunter2");
      assertThat(c.at()).isEqualTo(Instant.parse("2025-06-01T10:00:03Z"));
    });
    assertThat(first.inputTokens()).isEqualTo(100);
    Transcript.Turn second = t.turns().get(1);
    assertThat(second.sent()).singleElement().satisfies(m -> assertThat(m.toString()).doesNotContain("hunter2"));
    assertThat(second.startedAt()).isEqualTo(Instant.parse("2025-06-01T10:00:03Z"));
  }

  @Test
  void transcript_survivesAJsonRoundTripThroughAFile(@TempDir Path dir) {
    Transcript t = run(recorded()).transcript();
    Path file = dir.resolve("run.json");

    t.write(file);

    assertThat(Transcript.read(file)).isEqualTo(t);
  }

  @Test
  void replay_reproducesTheRecordedRun_withoutTheModel(@TempDir Path dir) {
    AgentRun original = run(recorded());
    original.transcript().write(dir.resolve("run.json"));

    ReplayChatModel replay = ReplayChatModel.of(Transcript.read(dir.resolve("run.json")));
    AgentRun replayed = run(replay);

    assertThat(replayed).isEqualTo(original);
    assertThat(replay.replayed()).isEqualTo(3);
    assertThat(replayed.usd()).isGreaterThan(0);
  }

  @Test
  void replay_failsClearly_whenTheRunAsksForMoreThanWasRecorded() {
    Transcript shortOne = run(ScriptedChatModel.of(answer("done"))).transcript();
    ReplayChatModel replay = ReplayChatModel.of(shortOne);
    replay.chat("first");

    assertThatThrownBy(() -> replay.chat("second")).isInstanceOf(PermanentException.class)
        .hasMessageContaining("only 1 recorded responses");
  }

  @Test
  void fromJson_rejectsAnUnknownFormat() {
    assertThatThrownBy(() -> Transcript.fromJson("{\"format\":99,\"model\":\"x\",\"turns\":[]}"))
        .isInstanceOf(PermanentException.class).hasMessageContaining("format must be 1 but was 99");
  }
}
