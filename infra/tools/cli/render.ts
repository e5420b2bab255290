// npm run render -- --stack <name> [--out <dir>]
import * as path from "node:path";
import { loadStackFile } from "../../config/stackFile";
import { renderStack } from "../render";
import { writeRender } from "../renderOutput";
import { stackWarnings } from "../stackWarnings";
import { runAsProcess, UsageError, usage, type Command } from "./command";

export const renderCommand: Command = {
  name: "render",
  synopsis: "--stack <name> [--out <dir>]",
  summary:
    "Validates Pulumi.<name>.yaml with the program's own schema and writes every object the stack declares as YAML, one file " +
    "per object in apply order, and charts.yaml with each chart's repository, version and values. Secrets stay placeholders.",
  options: { stack: { type: "string" }, out: { type: "string" } },
  details: [
    "  --stack <name>  the stack file Pulumi.<name>.yaml in this directory",
    "  --out <dir>     where to write (default rendered/<name>); only a new or empty directory, or one a previous render wrote",
    "",
    "Warnings (secrets the stack file lacks, services nothing may call) go to standard error.",
    "Exit codes: 0 written; 2 bad arguments, bad config or a directory render does not own.",
  ],
  run({ values }, io) {
    const stack = values.stack as string | undefined;
    if (!stack) {
      throw new UsageError(usage(renderCommand));
    }
    const outDir = path.resolve(io.cwd, (values.out as string | undefined) ?? path.join("rendered", stack));
    const loaded = loadStackFile(stack, io.cwd);
    const files = renderStack(loaded.config);
    writeRender(outDir, files);
    io.out(`wrote ${files.length - 1} objects and charts.yaml to ${path.relative(io.cwd, outDir) || "."}`);
    stackWarnings(stack, loaded).forEach((warning) => io.err(`warning: ${warning}`));
    return 0;
  },
};

if (require.main === module) {
  runAsProcess(renderCommand);
}
