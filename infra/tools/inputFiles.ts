/**
 * The files `check` reads, found safely: each file once (by its real path, so a symlink loop or
 * a link to a file already named is read once), only regular files (a FIFO, a device such as
 * /dev/zero or a socket is skipped with a note instead of hanging or filling memory), never more
 * than a size cap, and `-` for standard input.
 */
import { closeSync, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from "node:fs";
import * as path from "node:path";

/** Larger inputs are refused: no chart render or CRD file comes near it, and it bounds memory. */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;

export const STDIN = "-";

export interface InputFile {
  /** As reports name it: the path given, or the path under the directory given. */
  name: string;
  /** What to read: a real path, or STDIN. */
  source: string;
}

export interface CollectedFiles {
  files: InputFile[];
  /** Inputs skipped, each with why. */
  notes: string[];
  /** Inputs that could not be used at all (missing paths, unreadable directories). */
  errors: { file: string; message: string }[];
}

const isYamlName = (name: string) => /\.ya?ml$/i.test(name);

/**
 * Every file the inputs name, in order. A directory contributes its `.yaml`/`.yml` files,
 * recursively and sorted; a file named explicitly is read whatever its extension.
 */
export function collectFiles(inputs: readonly string[], cwd: string = process.cwd()): CollectedFiles {
  const collected: CollectedFiles = { files: [], notes: [], errors: [] };
  const seen = new Set<string>();
  for (const input of inputs) {
    if (input === STDIN) {
      if (!seen.has(STDIN)) {
        seen.add(STDIN);
        collected.files.push({ name: "<stdin>", source: STDIN });
      }
      continue;
    }
    visit(input, path.resolve(cwd, input), true, seen, collected);
  }
  return collected;
}

function isDirectoryPath(filePath: string): boolean {
  try {
    return statSync(filePath).isDirectory();
  } catch {
    return false; // a dangling link or a loop: a YAML-named one is reported when visited
  }
}

function visit(name: string, filePath: string, explicit: boolean, seen: Set<string>, collected: CollectedFiles): void {
  let real: string;
  try {
    real = realpathSync(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    collected.errors.push({
      file: name,
      message: code === "ELOOP" ? "is a symlink loop" : code === "ENOENT" ? "no such file or directory" : (error as Error).message,
    });
    return;
  }
  if (seen.has(real)) {
    if (explicit) {
      collected.notes.push(`${name}: already read (the same file as an earlier input), read once`);
    }
    return;
  }
  seen.add(real);
  const stats = statSync(real);
  if (stats.isDirectory()) {
    let entries: string[];
    try {
      entries = readdirSync(real).sort();
    } catch (error) {
      collected.errors.push({ file: name, message: (error as Error).message });
      return;
    }
    for (const entry of entries) {
      const child = path.join(real, entry);
      const childName = path.join(name, entry);
      if (isDirectoryPath(child) || isYamlName(entry)) {
        visit(childName, child, false, seen, collected);
      }
    }
    return;
  }
  if (!stats.isFile()) {
    collected.notes.push(`${name}: skipped, not a regular file (a FIFO, device or socket is never read)`);
    return;
  }
  collected.files.push({ name, source: real });
}

/** A file's text, or why it cannot be used: too large, or not text. */
export function readInput(file: InputFile, readStdin: () => Buffer): { text: string } | { problem: string } {
  let bytes: Buffer;
  if (file.source === STDIN) {
    bytes = readStdin();
  } else {
    const fd = openSync(file.source, "r");
    try {
      const size = fstatSync(fd).size;
      if (size > MAX_INPUT_BYTES) {
        return { problem: `is ${size} bytes, more than the ${MAX_INPUT_BYTES}-byte limit for one input` };
      }
      bytes = Buffer.alloc(size);
      let read = 0;
      while (read < size) {
        const n = readSync(fd, bytes, read, size - read, read);
        if (n === 0) {
          break;
        }
        read += n;
      }
      bytes = bytes.subarray(0, read);
    } finally {
      closeSync(fd);
    }
  }
  if (bytes.length > MAX_INPUT_BYTES) {
    return { problem: `is more than the ${MAX_INPUT_BYTES}-byte limit for one input` };
  }
  if (bytes.includes(0)) {
    return { problem: "is binary (it holds NUL bytes), not YAML" };
  }
  try {
    // The API server takes YAML and JSON as UTF-8 only; a lenient decode would invent names.
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { problem: "is not UTF-8 text, so it is not YAML the API server would read" };
  }
}
