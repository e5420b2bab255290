/**
 * Reads a file as it is at a git revision, for `diff`: the one place the tools run git. Only
 * `git rev-parse` and `git show` run, with arguments passed as a list (never through a shell), so
 * a ref or path cannot become a command.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";

/** A file at a revision: its text, or undefined when the revision has no such file. */
export type ReadAtRevision = (file: string) => string | undefined;

function git(cwd: string, args: string[]): { ok: true; out: string } | { ok: false; err: string } {
  try {
    const out = execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
    return { ok: true, out };
  } catch (error) {
    const failed = error as { code?: string; stderr?: string };
    if (failed.code === "ENOENT") {
      throw new Error("git is not installed: diff reads the base revision with git");
    }
    return { ok: false, err: (failed.stderr ?? String(error)).trim().split("\n")[0] };
  }
}

/**
 * A reader of files at `ref` in the git repository that holds `cwd`, with paths relative to
 * `cwd`. Throws one clear line when `cwd` is not in a repository or `ref` names no commit.
 */
export function revisionReader(cwd: string, ref: string): { commit: string; read: ReadAtRevision } {
  const prefix = git(cwd, ["rev-parse", "--show-prefix"]);
  if (!prefix.ok) {
    throw new Error(`${cwd} is not in a git repository, so there is no base to compare with`);
  }
  if (ref.startsWith("-")) {
    throw new Error(`${ref} is not a git revision`);
  }
  const commit = git(cwd, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
  if (!commit.ok) {
    throw new Error(`${ref} names no commit in this repository (fetch it first, or check the spelling)`);
  }
  const sha = commit.out.trim();
  return {
    commit: sha,
    read(file) {
      const inRepository = path.posix.join(prefix.out.trim() || ".", ...file.split(path.sep));
      const shown = git(cwd, ["show", `${sha}:${inRepository}`]);
      return shown.ok ? shown.out : undefined;
    },
  };
}
