// npm run docs [-- --check]: writes the references generated from the code, or checks they are current
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { RULES } from "../../../policies/rules";
import { configurationReference } from "../docs/configurationReference";
import { policyReference } from "../docs/policyReference";
import { runAsProcess, type Command } from "./command";

/** Each generated document: where it lives in the project, and what it must hold. */
export function generatedDocs(): { file: string; content: string }[] {
  return [
    { file: path.join("docs", "configuration.md"), content: configurationReference() },
    { file: path.join("policies", "README.md"), content: policyReference(RULES) },
  ];
}

const read = (file: string) => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
};

export const docsCommand: Command = {
  name: "docs",
  synopsis: "[--check]",
  summary:
    "Writes the references generated from the code: docs/configuration.md from the config schema and policies/README.md " +
    "from the policy rules. With --check, writes nothing and fails when a committed reference is stale.",
  options: { check: { type: "boolean", default: false } },
  details: ["  --check  compare instead of writing", "", "Exit codes: 0 written or current; 1 stale (with --check); 2 bad arguments."],
  run({ values }, io) {
    const stale = generatedDocs().filter(({ file, content }) => read(path.join(io.cwd, file)) !== content);
    if (values.check) {
      stale.forEach(({ file }) => io.err(`${file} is stale: run npm run docs`));
      return stale.length > 0 ? 1 : 0;
    }
    for (const { file, content } of stale) {
      writeFileSync(path.join(io.cwd, file), content);
      io.out(`wrote ${file}`);
    }
    return 0;
  },
};

if (require.main === module) {
  runAsProcess(docsCommand);
}
