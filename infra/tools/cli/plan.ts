// npm run plan -- --stack <name> [--format text|markdown]: the control plane's upgrade state, the perimeter, then each rollout
import { loadStackFile } from "../../config/stackFile";
import { perimeterMarkdown, perimeterOf, perimeterText } from "../perimeterReport";
import { markdownReport, stackRollouts, textReport } from "../rolloutReport";
import { stackWarnings } from "../stackWarnings";
import { upgradeMarkdown, upgradeText, upgradeView } from "../upgradeReport";
import { runAsProcess, UsageError, usage, type Command } from "./command";

export const planCommand: Command = {
  name: "plan",
  synopsis: "--stack <name> [--format text|markdown]",
  summary:
    "Shows what the stack means for traffic: which istiod serves what and the next step of an Istio upgrade, the perimeter " +
    "(public hosts, who calls whom, external APIs, services nothing may call), and each canary's schedule, time to promote, " +
    "worst-case time to roll back and the largest share of traffic a failing canary can get.",
  options: { stack: { type: "string" }, format: { type: "string", default: "text" } },
  details: [
    "  --stack <name>     the stack file Pulumi.<name>.yaml in this directory",
    "  --format <format>  text (default) or markdown (Mermaid graphs and charts, as GitHub renders them)",
    "",
    "Warnings (secrets the stack file lacks, services nothing may call) go to standard error.",
    "Exit codes: 0 printed; 2 bad arguments or bad config.",
  ],
  run({ values }, io) {
    const stack = values.stack as string | undefined;
    if (!stack || (values.format !== "text" && values.format !== "markdown")) {
      throw new UsageError(usage(planCommand));
    }
    const loaded = loadStackFile(stack, io.cwd);
    const config = loaded.config;
    const upgrade = upgradeView(config);
    const perimeter = perimeterOf(config);
    const rollouts = stackRollouts(config);
    io.out(
      values.format === "markdown"
        ? [upgradeMarkdown(stack, upgrade), perimeterMarkdown(stack, perimeter), markdownReport(stack, rollouts)].join("\n\n")
        : [upgradeText(upgrade), perimeterText(perimeter), textReport(rollouts)].join("\n\n"),
    );
    stackWarnings(stack, loaded).forEach((warning) => io.err(`warning: ${warning}`));
    return 0;
  },
};

if (require.main === module) {
  runAsProcess(planCommand);
}
