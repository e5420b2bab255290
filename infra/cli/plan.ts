// npm run plan -- --stack <name> [--format text|markdown]
import { parseArgs } from "node:util";
import { markdownReport, stackRollouts, textReport } from "../rolloutReport";
import { readStackFile } from "../stackFile";
import { runCommand } from "./runCommand";

runCommand(() => {
  const { values } = parseArgs({ options: { stack: { type: "string" }, format: { type: "string", default: "text" } } });
  if (!values.stack || (values.format !== "text" && values.format !== "markdown")) {
    throw new Error("usage: npm run plan -- --stack <name> [--format text|markdown]");
  }
  const rollouts = stackRollouts(readStackFile(values.stack));
  console.log(values.format === "markdown" ? markdownReport(values.stack, rollouts) : textReport(rollouts));
  return 0;
});
