import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { PROJECT_ROOT } from "./helpers/stackFiles";

/**
 * The layers the README's "Layout" lists, bottom first. A file belongs to the most specific
 * folder that names it; imports stay in their layer or go down, never up.
 */
const LAYERS: { folder: string; layer: number }[] = [
  { folder: "policies", layer: 1 },
  { folder: "infra/config", layer: 2 },
  { folder: "components/builders", layer: 3 },
  { folder: "components", layer: 4 },
  { folder: "infra/program", layer: 5 },
  { folder: "infra/tools", layer: 5 },
];

function folderOf(file: string): string | undefined {
  const relative = path.relative(PROJECT_ROOT, file).split(path.sep).join("/");
  return LAYERS.map((l) => l.folder)
    .filter((folder) => relative.startsWith(`${folder}/`))
    .sort((a, b) => b.length - a.length)[0];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === "node_modules" ? [] : sourceFiles(full);
    }
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

interface ImportEdge {
  file: string;
  from: string;
  /** The folder a relative import lands in, or the npm package name. */
  to: string;
  relative: boolean;
}

/** Every import of the source folders, read by TypeScript's own pre-processor. */
function importEdges(): ImportEdge[] {
  const files = [...new Set(LAYERS.flatMap((l) => sourceFiles(path.join(PROJECT_ROOT, l.folder))))];
  return files.flatMap((file) => {
    const from = folderOf(file)!;
    return ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles.map(({ fileName }) => {
      if (!fileName.startsWith(".")) {
        const parts = fileName.split("/");
        return { file, from, to: fileName.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0], relative: false };
      }
      const target = path.resolve(path.dirname(file), fileName);
      return { file, from, to: folderOf(`${target}.ts`) ?? path.relative(PROJECT_ROOT, target), relative: true };
    });
  });
}

const layerOf = (folder: string) => LAYERS.find((l) => l.folder === folder)?.layer;

describe("architecture", () => {
  const edges = importEdges();

  it("reads a realistic import graph", () => {
    assert.ok(edges.length > 150, `only ${edges.length} imports found`);
  });

  it("imports only go down the layers, so no folder imports a folder that imports it back", () => {
    const upward = edges.filter((e) => e.relative && (layerOf(e.to) ?? 0) > layerOf(e.from)!);
    assert.deepEqual(
      upward.map((e) => `${path.relative(PROJECT_ROOT, e.file)} imports ${e.to}`),
      [],
    );
    const between = edges.filter((e) => e.relative && e.from !== e.to).map((e) => `${e.from} -> ${e.to}`);
    for (const edge of new Set(between)) {
      const [from, to] = edge.split(" -> ");
      assert.ok(!between.includes(`${to} -> ${from}`), `${from} and ${to} import each other`);
    }
  });

  it("keeps the program and the offline tools apart: both sit on the builders, neither on the other", () => {
    const crossing = edges.filter(
      (e) =>
        e.relative && ((e.from === "infra/program" && e.to === "infra/tools") || (e.from === "infra/tools" && e.to === "infra/program")),
    );
    assert.deepEqual(
      crossing.map((e) => path.relative(PROJECT_ROOT, e.file)),
      [],
    );
  });

  it("keeps the policy pack standalone: it imports nothing outside policies/ but its own dependencies", () => {
    const pack = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "policies", "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    const outside = edges.filter((e) => e.from === "policies" && (e.relative ? e.to !== "policies" : !(e.to in pack.dependencies)));
    assert.deepEqual(
      outside.map((e) => `${path.relative(PROJECT_ROOT, e.file)} imports ${e.to}`),
      [],
    );
    const tsconfig = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "policies", "tsconfig.json"), "utf8")) as Record<string, unknown>;
    assert.equal(tsconfig.extends, undefined, "policies/tsconfig.json extends nothing outside the pack");
    assert.ok("typescript" in pack.dependencies, "the pack brings its own TypeScript");
  });
});
