// npm run render -- --stack <name> [--out <dir>]
import * as path from "node:path";
import { parseArgs } from "node:util";
import { loadStackFile } from "../../config/stackFile";
import { printWarnings, stackWarnings } from "../stackWarnings";
import { renderStack } from "../render";
import { writeRender } from "../renderOutput";
import { runCommand } from "./runCommand";

runCommand(() => {
  const { values } = parseArgs({ options: { stack: { type: "string" }, out: { type: "string" } } });
  if (!values.stack) {
    throw new Error("usage: npm run render -- --stack <name> [--out <dir>]");
  }
  const outDir = path.resolve(values.out ?? path.join("rendered", values.stack));
  const stack = loadStackFile(values.stack);
  const files = renderStack(stack.config);
  writeRender(outDir, files);
  console.log(`wrote ${files.length - 1} objects and charts.yaml to ${path.relative(process.cwd(), outDir) || "."}`);
  printWarnings(stackWarnings(values.stack, stack));
  return 0;
});
