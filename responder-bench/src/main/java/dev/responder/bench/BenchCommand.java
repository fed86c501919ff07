package dev.responder.bench;

import dev.responder.bench.agents.AgentsBenchCommand;
import dev.responder.bench.eval.nab.DetectorBenchCommand;
import dev.responder.bench.eval.rca.RcaBenchCommand;
import dev.responder.bench.respond.RespondBenchCommand;
import dev.responder.bench.sim.SimBenchCommand;
import dev.responder.bench.store.StoreBenchCommand;
import dev.responder.bench.templates.TemplateBenchCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code responder bench}: performance benchmarks on realistic data; results belong in docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks on realistic generated data (see docs/benchmarks.md).",
    subcommands = {AgentsBenchCommand.class, StoreBenchCommand.class, DetectorBenchCommand.class, TemplateBenchCommand.class, RcaBenchCommand.class, RespondBenchCommand.class, SimBenchCommand.class})
public final class BenchCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
