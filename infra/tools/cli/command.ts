/**
 * The shell around each offline tool: arguments parsed with Node's own parser, `--help` printed on
 * request, and every failure (bad arguments, bad config, an unreadable path) turned into a short
 * message and exit code 2, never a stack trace (set MESH_DEBUG=1 to see it). Commands write
 * through `io`, so specs run them in-process, exactly as `npm run <tool>` does.
 */
import { readFileSync, readSync } from "node:fs";
import * as path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { MAX_INPUT_BYTES } from "../inputFiles";

export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Where relative paths and stack files are read from. */
  cwd: string;
  /** Standard input, read once (`-` as an input). */
  readStdin: () => Buffer;
}

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface Command<O extends Options = Options> {
  /** `npm run <name> -- …` */
  name: string;
  /** What it does, in a sentence or two, for `--help`. */
  summary: string;
  /** The argument synopsis after `npm run <name> --`. */
  synopsis: string;
  options: O;
  allowPositionals?: boolean;
  /** One line per option and what the exit codes mean, for `--help`. */
  details: readonly string[];
  run(args: { values: Record<string, unknown>; positionals: string[] }, io: CommandIo): number;
}

export function usage(command: Command): string {
  return `usage: npm run ${command.name} -- ${command.synopsis}`;
}

export function helpText(command: Command): string {
  return [usage(command), "", command.summary, "", ...command.details].join("\n");
}

/** An error whose message is all the user needs: printed alone, exit code 2. */
export class UsageError extends Error {}

/** A file the user named, read relative to the command's directory; an unreadable one is one clear line naming it as given. */
export function readUserFile(file: string, io: CommandIo): string {
  try {
    return readFileSync(path.resolve(io.cwd, file), "utf8");
  } catch (error) {
    const problem = fileProblem(error as NodeJS.ErrnoException);
    throw new UsageError(problem ? `${file}: ${problem.slice(problem.indexOf(": ") + 2)}` : `${file}: ${(error as Error).message}`);
  }
}

/** A Node file-system error as one line: what could not be read, and why. */
function fileProblem(error: NodeJS.ErrnoException): string | undefined {
  const reasons: Record<string, string> = {
    ENOENT: "no such file or directory",
    EACCES: "permission denied",
    EISDIR: "is a directory, not a file",
    ENOTDIR: "a part of the path is not a directory",
  };
  const reason = error.code ? reasons[error.code] : undefined;
  return reason && error.path ? `${error.path}: ${reason}` : undefined;
}

/** Runs a command with these arguments; returns its exit code. */
export function runCommand(command: Command, argv: readonly string[], io: CommandIo): number {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.out(helpText(command));
    return 0;
  }
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: [...argv], options: command.options, allowPositionals: command.allowPositionals ?? false, strict: true });
    } catch (error) {
      throw new UsageError(`${(error as Error).message}\n${usage(command)}`);
    }
    return command.run(parsed, io);
  } catch (error) {
    const message = error instanceof Error ? (fileProblem(error) ?? error.message) : String(error);
    io.err(message);
    if (process.env.MESH_DEBUG && error instanceof Error) {
      io.err(error.stack ?? "");
    }
    return 2;
  }
}

/** Standard input, read once and no further than the size cap (a `/dev/zero` on stdin ends, too). */
function stdinOnce(): () => Buffer {
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

/** The process's own streams and directory. */
export function processIo(): CommandIo {
  return {
    out: (text) => console.log(text),
    err: (text) => console.error(text),
    cwd: process.cwd(),
    readStdin: stdinOnce(),
  };
}

/** Runs a command as the process's entry point (`npm run <name>`). */
export function runAsProcess(command: Command): void {
  process.exitCode = runCommand(command, process.argv.slice(2), processIo());
}
