// npm run render -- --stack <name> [--out <dir>]
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { renderStack } from "../render";
import { readStackFile } from "../../config/stackFile";
import { runCommand } from "./runCommand";

runCommand(() => {
  const { values } = parseArgs({ options: { stack: { type: "string" }, out: { type: "string" } } });
  if (!values.stack) {
    throw new Error("usage: npm run render -- --stack <name> [--out <dir>]");
  }
  const outDir = path.resolve(values.out ?? path.join("rendered", values.stack));
  const files = renderStack(readStackFile(values.stack));
  mkdirSync(outDir, { recursive: true });
  // Start clean so a removed object does not linger as a stale file.
  for (const stale of readdirSync(outDir).filter((f) => f.endsWith(".yaml"))) {
    rmSync(path.join(outDir, stale));
  }
  for (const file of files) {
    writeFileSync(path.join(outDir, file.name), file.content);
  }
  console.log(`wrote ${files.length - 1} objects and charts.yaml to ${path.relative(process.cwd(), outDir) || "."}`);
  return 0;
});
