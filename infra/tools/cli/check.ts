// npm run check -- (--stack <name> [--workloads <file, dir or ->]... | <file or dir or ->...) [--crds <file or dir or ->]... [--policy-config <json>] [--format text|json]
// With --stack, the stack's chart installations are checked too, and findings name the stack key;
// --workloads judges the application teams' manifests against the stack's services.
import { readFileSync, readSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { RULES } from "../../../policies/rules";
import type { PackConfig } from "../../../policies/packConfig";
import { loadStackFile, stackFilePath, webhookPlaceholder } from "../../config/stackFile";
import { secretWarnings } from "../stackWarnings";
import { runCheck } from "../check";
import { exitCodeOf, jsonReport, textReport } from "../checkReport";
import { MAX_INPUT_BYTES } from "../inputFiles";
import { parsePackConfig } from "../packConfigFile";
import { runCommand } from "./runCommand";

const USAGE =
  "usage: npm run check -- (--stack <name> [--workloads <file, dir or ->]... | <file, dir or ->...) [--crds <file, dir or ->]... [--policy-config <json>] [--format text|json]";

/** Standard input, read once and no further than the size cap (a `/dev/zero` on stdin ends, too). */
function readStdinOnce(): () => Buffer {
  let read: Buffer | undefined;
  return () => {
    if (!read) {
      const chunks: Buffer[] = [];
      let total = 0;
      const chunk = Buffer.alloc(65536);
      for (let n = readSync(0, chunk); n > 0 && total <= MAX_INPUT_BYTES; n = readSync(0, chunk)) {
        chunks.push(Buffer.from(chunk.subarray(0, n)));
        total += n;
      }
      read = Buffer.concat(chunks);
    }
    return read;
  };
}

runCommand(() => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      stack: { type: "string" },
      crds: { type: "string", multiple: true },
      workloads: { type: "string", multiple: true },
      "policy-config": { type: "string" },
      format: { type: "string", default: "text" },
    },
  });
  if (values.format !== "text" && values.format !== "json") {
    throw new Error(`--format must be text or json\n${USAGE}`);
  }
  if (Boolean(values.stack) === positionals.length > 0) {
    throw new Error(USAGE);
  }
  if (values.workloads && !values.stack) {
    throw new Error(`--workloads judges manifests against a stack: give --stack too\n${USAGE}`);
  }
  const configFile = values["policy-config"];
  const packConfig: PackConfig = configFile ? parsePackConfig(configFile, readFileSync(configFile, "utf8"), RULES) : {};
  const stack = values.stack;
  const subject = stack
    ? (() => {
        const loaded = loadStackFile(stack);
        return {
          kind: "stack" as const,
          config: loaded.config,
          file: path.relative(process.cwd(), stackFilePath(stack)),
          webhookUrlOf: webhookPlaceholder,
          notes: secretWarnings(stack, loaded),
        };
      })()
    : { kind: "manifests" as const, inputs: positionals };
  const result = runCheck({ subject, packConfig, crds: values.crds, workloads: values.workloads, readStdin: readStdinOnce() });
  console.log(values.format === "json" ? jsonReport(result) : textReport(result));
  return exitCodeOf(result);
});
