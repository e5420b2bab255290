// npm run plan -- --stack <name> [--format text|markdown]: the control plane's upgrade state, the perimeter, then each rollout
import { parseArgs } from "node:util";
import { markdownReport, stackRollouts, textReport } from "../rolloutReport";
import { loadStackFile } from "../../config/stackFile";
import { printWarnings, stackWarnings } from "../stackWarnings";
import { upgradeMarkdown, upgradeText, upgradeView } from "../upgradeReport";
import { perimeterMarkdown, perimeterOf, perimeterText } from "../perimeterReport";
import { runCommand } from "./runCommand";

runCommand(() => {
  const { values } = parseArgs({ options: { stack: { type: "string" }, format: { type: "string", default: "text" } } });
  if (!values.stack || (values.format !== "text" && values.format !== "markdown")) {
    throw new Error("usage: npm run plan -- --stack <name> [--format text|markdown]");
  }
  const stack = loadStackFile(values.stack);
  const config = stack.config;
  const upgrade = upgradeView(config);
  const perimeter = perimeterOf(config);
  const rollouts = stackRollouts(config);
  if (values.format === "markdown") {
    console.log(
      [upgradeMarkdown(values.stack, upgrade), perimeterMarkdown(values.stack, perimeter), markdownReport(values.stack, rollouts)].join(
        "\n\n",
      ),
    );
  } else {
    console.log([upgradeText(upgrade), perimeterText(perimeter), textReport(rollouts)].join("\n\n"));
  }
  printWarnings(stackWarnings(values.stack, stack));
  return 0;
});
