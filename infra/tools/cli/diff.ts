// npm run diff -- --stack <name> --base <git ref> [--format text|markdown|json]: what a change to a stack means for the mesh
import { existsSync } from "node:fs";
import * as path from "node:path";
import { RULES } from "../../../policies/rules";
import type { PackConfig } from "../../../policies/packConfig";
import { StackConfigError } from "../../config/parse";
import { isStackName, loadStackFile, parseStackFile, stackFilePath, type StackFile } from "../../config/stackFile";
import { revisionReader } from "../gitRevision";
import { parsePackConfig } from "../packConfigFile";
import { perimeterOf } from "../perimeterReport";
import { diffStacks, judgedSide } from "../stackDiff";
import { diffJson, diffMarkdown, diffText, type DiffSides } from "../stackDiffReport";
import { stackPolicyConfigPath } from "./check";
import { readUserFile, runAsProcess, UsageError, usage, type Command, type CommandIo } from "./command";

const FORMATS = ["text", "markdown", "json"];

/** A side's config, or one message saying which side is invalid and why. */
function loadSide(where: string, load: () => StackFile): StackFile {
  try {
    return load();
  } catch (error) {
    if (error instanceof StackConfigError) {
      throw new UsageError(
        `${where} is not a valid stack config, so there is nothing to compare:\n${error.located.map((line) => `  - ${line}`).join("\n")}`,
      );
    }
    throw error;
  }
}

/** A side's policy config: its policies/config/<stack>.json, or none. */
function packConfigOf(where: string, text: string | undefined): PackConfig {
  return text === undefined ? {} : parsePackConfig(where, text, RULES);
}

/** A file of the working tree, or undefined when there is none. */
const readWorkingFile = (io: CommandIo, file: string) => (existsSync(path.join(io.cwd, file)) ? readUserFile(file, io) : undefined);

export const diffCommand: Command = {
  name: "diff",
  synopsis: "--stack <name> --base <git ref> [--format text|markdown|json]",
  summary:
    "Says what a change to a stack means for the mesh, comparing Pulumi.<name>.yaml at a git revision with the working tree: " +
    "services added, removed or changed, paths default-deny opens or closes, each canary's numbers before and after, istiod " +
    "revisions, tags and the namespaces that must restart, chart versions, the policy findings the change introduces or " +
    "resolves, and the secrets it touches (by name only). Offline, with the builders render, check and plan use.",
  options: { stack: { type: "string" }, base: { type: "string" }, format: { type: "string", default: "text" } },
  details: [
    "  --stack <name>     the stack file Pulumi.<name>.yaml in this directory",
    "  --base <git ref>   the revision to compare with: a branch, tag or commit (origin/main, HEAD~1, a pull request's base)",
    "  --format <format>  text (default), markdown (for a pull-request comment, the perimeter drawn) or json",
    "",
    "Each side is judged with its own policies/config/<name>.json, when it has one. The comparison runs this",
    "working tree's code on both configs: a change to the code itself shows in pulumi preview, not here.",
    "Exit codes: 0 compared (changed or not); 2 bad arguments, no git base, or an invalid config on either side.",
  ],
  run({ values }, io) {
    const stack = values.stack as string | undefined;
    const ref = values.base as string | undefined;
    if (!stack || !ref || !FORMATS.includes(values.format as string)) {
      throw new UsageError(usage(diffCommand));
    }
    if (!isStackName(stack)) {
      throw new UsageError(`${JSON.stringify(stack)} is not a stack name`);
    }
    const file = path.relative(io.cwd, stackFilePath(stack, io.cwd));
    const base = revisionReader(io.cwd, ref);
    const baseText = base.read(file);
    if (baseText === undefined) {
      throw new UsageError(
        `${file} does not exist at ${ref}: a new stack has nothing to compare with (npm run plan -- --stack ${stack} shows all of it)`,
      );
    }
    const before = loadSide(`${file} at ${ref}`, () => parseStackFile(file, baseText));
    const after = loadSide(`${file} in the working tree`, () => loadStackFile(stack, io.cwd));
    const policyFile = stackPolicyConfigPath(stack);
    const baseSide = judgedSide(before, file, packConfigOf(`${policyFile} at ${ref}`, base.read(policyFile)));
    const headSide = judgedSide(after, file, packConfigOf(policyFile, readWorkingFile(io, policyFile)));
    const diff = diffStacks(baseSide, headSide);
    const sides: DiffSides = { stack, file, ref, commit: base.commit };
    const format = values.format as string;
    io.out(
      format === "json"
        ? diffJson(sides, diff)
        : format === "markdown"
          ? diffMarkdown(sides, diff, perimeterOf(after.config).unreachable)
          : diffText(sides, diff),
    );
    return 0;
  },
};

if (require.main === module) {
  runAsProcess(diffCommand);
}
