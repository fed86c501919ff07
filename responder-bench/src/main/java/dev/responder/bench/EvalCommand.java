package dev.responder.bench;

import dev.responder.bench.eval.loghub.LoghubEvalCommand;
import dev.responder.bench.eval.nab.NabEvalCommand;
import dev.responder.bench.eval.rca.RcaEvalCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code responder eval}: accuracy on public labelled data; results belong in docs/evaluation.md. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate the analysis engines on labelled data (NAB, Loghub, RCA data sets; see docs/evaluation.md).",
    subcommands = {NabEvalCommand.class, LoghubEvalCommand.class, RcaEvalCommand.class})
public final class EvalCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
