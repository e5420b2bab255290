/**
 * Where `render` writes: a directory it owns, and only files it wrote. A directory is render's
 * when render created it, found it empty, or finds its marker file there, which lists what the
 * last render wrote. Stale files are removed only from that list, so pointing `--out` at the
 * project, or at any directory with files of its own, is refused and deletes nothing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { RenderedFile } from "./render";

/** Marks a directory as render's own, with the files the last render wrote. */
export const RENDER_MARKER = ".mesh-platform-render.json";

interface Marker {
  files: string[];
}

/** File names a marker may list: plain names in the directory itself, nothing to climb out with. */
const isPlainName = (name: unknown): name is string =>
  typeof name === "string" && name !== "" && path.basename(name) === name && name !== RENDER_MARKER && !name.startsWith(".");

function readMarker(dir: string): Marker | undefined {
  const file = path.join(dir, RENDER_MARKER);
  if (!existsSync(file)) {
    return undefined;
  }
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as { files?: unknown };
    return { files: Array.isArray(parsed.files) ? parsed.files.filter(isPlainName) : [] };
  } catch {
    throw new Error(`${file} is not a render marker render can read; remove the directory or choose another --out`);
  }
}

/** Writes the files into `dir`, replacing the previous render there; refuses a directory render does not own. */
export function writeRender(dir: string, files: readonly RenderedFile[]): void {
  const exists = existsSync(dir);
  const marker = exists ? readMarker(dir) : undefined;
  if (exists && !marker && readdirSync(dir).length > 0) {
    throw new Error(
      `refusing to render into ${dir}: it holds files render did not write. Choose a new or empty directory, ` +
        `or the one a previous render wrote (it has a ${RENDER_MARKER} file).`,
    );
  }
  mkdirSync(dir, { recursive: true });
  const fresh = new Set(files.map((f) => f.name));
  for (const stale of marker?.files ?? []) {
    if (!fresh.has(stale)) {
      rmSync(path.join(dir, stale), { force: true });
    }
  }
  for (const file of files) {
    writeFileSync(path.join(dir, file.name), file.content);
  }
  writeFileSync(path.join(dir, RENDER_MARKER), `${JSON.stringify({ files: files.map((f) => f.name) }, null, 2)}\n`);
}
