/** Runs the offline tools' commands in-process, as `npm run <tool>` would from a directory, capturing their output. */
import { checkCommand } from "../../infra/tools/cli/check";
import { runCommand, type Command } from "../../infra/tools/cli/command";
import { crdChartsCommand } from "../../infra/tools/cli/crdCharts";
import { diffCommand } from "../../infra/tools/cli/diff";
import { docsCommand } from "../../infra/tools/cli/docs";
import { planCommand } from "../../infra/tools/cli/plan";
import { renderCommand } from "../../infra/tools/cli/render";

export const COMMANDS: Record<string, Command> = {
  render: renderCommand,
  check: checkCommand,
  plan: planCommand,
  "crd-charts": crdChartsCommand,
  diff: diffCommand,
  docs: docsCommand,
};

export interface CommandRun {
  status: number;
  stdout: string;
  stderr: string;
}

export function runTool(name: keyof typeof COMMANDS, args: string[], cwd: string, stdin = ""): CommandRun {
  const out: string[] = [];
  const err: string[] = [];
  const status = runCommand(COMMANDS[name], args, {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    cwd,
    readStdin: () => Buffer.from(stdin),
  });
  const joined = (lines: string[]) => (lines.length > 0 ? `${lines.join("\n")}\n` : "");
  return { status, stdout: joined(out), stderr: joined(err) };
}
