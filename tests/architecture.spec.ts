import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { PROJECT_ROOT } from "./helpers/stackFiles";

/**
 * The layers CONTRIBUTING's "Layout" lists, bottom first. A file belongs to the most specific
 * folder that names it; imports stay in their layer or go down, never up. scripts/ and tests/ sit
 * on top: they may import anything, and nothing imports them.
 */
const LAYERS: { folder: string; layer: number }[] = [
  { folder: "policies", layer: 1 },
  { folder: "infra/config", layer: 2 },
  { folder: "components/builders", layer: 3 },
  { folder: "components", layer: 4 },
  { folder: "infra/program", layer: 5 },
  { folder: "infra/tools", layer: 5 },
  { folder: "scripts", layer: 6 },
  { folder: "tests", layer: 7 },
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

/** Every TypeScript file of the project's folders (test fixtures aside: they are data), read once. */
let knownFiles: string[] | undefined;
function projectFiles(): string[] {
  knownFiles ??= [...new Set(LAYERS.flatMap((l) => sourceFiles(path.join(PROJECT_ROOT, l.folder))))].filter(
    (file) => !file.includes(`${path.sep}fixtures${path.sep}`),
  );
  return knownFiles;
}

/** The project files each file imports, by TypeScript's own pre-processor (`./x` → `x.ts` or `x/index.ts`). */
function fileImports(file: string): string[] {
  return ts
    .preProcessFile(readFileSync(file, "utf8"), true, true)
    .importedFiles.map(({ fileName }) => fileName)
    .filter((name) => name.startsWith("."))
    .map((name) => path.resolve(path.dirname(file), name))
    .map((target) => [`${target}.ts`, path.join(target, "index.ts"), target].find((candidate) => projectFiles().includes(candidate)))
    .filter((target): target is string => target !== undefined);
}

/** The import cycles between files: each strongly connected component of more than one file (Tarjan). */
function importCycles(): string[][] {
  const graph = new Map(projectFiles().map((file) => [file, fileImports(file)]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (stack.includes(next)) {
        low.set(file, Math.min(low.get(file)!, index.get(next)!));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        component.push(path.relative(PROJECT_ROOT, member));
      } while (member !== file);
      if (component.length > 1) {
        cycles.push(component.sort());
      }
    }
  };
  [...graph.keys()].forEach((file) => index.has(file) || visit(file));
  return cycles;
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
  const files = projectFiles();
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

  it("has no import cycle between files", () => {
    assert.deepEqual(importCycles(), []);
  });

  it("places every TypeScript file of the project in a layer", () => {
    const tracked = sourceFiles(PROJECT_ROOT).filter(
      (file) => !file.includes(`${path.sep}node_modules${path.sep}`) && !file.includes(`${path.sep}fixtures${path.sep}`),
    );
    assert.deepEqual(
      tracked.filter((file) => folderOf(file) === undefined).map((file) => path.relative(PROJECT_ROOT, file)),
      [],
    );
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
