/**
 * Kubernetes objects from YAML text, each with the file and line it came from, read as leniently
 * as the API server, helm and kubectl read YAML, and never at any cost:
 * - a document the YAML 1.2 parser refuses is read again by a YAML 1.1 parser (`js-yaml`): chart
 *   and CRD files such as Flagger's indent multi-line quoted strings in a way only 1.1 parsers take;
 * - a document whose aliases would expand past a bound (an "alias bomb") is refused by name;
 * - a document that declares a kind but no name cannot be applied and is reported;
 * - a `List` contributes its items; other documents (comments, plain config) are skipped.
 */
import { load as loadYaml11 } from "js-yaml";
import { isNode, LineCounter, parseAllDocuments } from "yaml";
import { collectFiles, readInput } from "./inputFiles";
import { isDict } from "../../policies/rules/lib/objects";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";

export interface LocatedObject {
  object: K8sObject;
  file: string;
  line?: number;
  /** Where in a stack file the object comes from (`mesh-platform:services[0]`), when checking a stack. */
  key?: string;
  /**
   * The line of a field of the object (`["spec", "replicas"]`), or of its nearest enclosing field
   * when it is absent; undefined where the file gave no positions (a document only a YAML 1.1
   * parser could read).
   */
  lineOf?: (path: readonly (string | number)[]) => number | undefined;
}

export interface ManifestError {
  file: string;
  line?: number;
  message: string;
}

/** Nodes a document may expand to through aliases; a real manifest stays far below. */
const MAX_EXPANDED_NODES = 1_000_000;

export function parseManifests(file: string, text: string): { objects: LocatedObject[]; errors: ManifestError[] } {
  try {
    return parseDocuments(file, text);
  } catch (error) {
    // Whatever a parser throws on hostile input ends this file only, named; the other files are still checked.
    return { objects: [], errors: [{ file, message: `cannot be read: ${readProblem(error)}` }] };
  }
}

function parseDocuments(file: string, text: string): { objects: LocatedObject[]; errors: ManifestError[] } {
  const lineCounter = new LineCounter();
  const objects: LocatedObject[] = [];
  const errors: ManifestError[] = [];
  for (const document of parseAllDocuments(text, { lineCounter })) {
    const line = lineCounter.linePos(document.contents?.range?.[0] ?? document.range?.[0] ?? 0).line;
    const value = documentValue(document, text);
    if ("problem" in value) {
      errors.push({ file, line: value.line ?? line, message: value.problem });
      continue;
    }
    const found = kubernetesObjects(value.value);
    errors.push(...found.problems.map((problem) => ({ file, line, message: problem })));
    const positioned = "positioned" in value && value.positioned;
    objects.push(
      ...found.objects.map(({ object, at }) => ({
        object,
        file,
        line,
        ...(positioned ? { lineOf: fieldLines(document, lineCounter, at) } : {}),
      })),
    );
  }
  return { objects, errors };
}

/** Where the fields of the object at `base` in a document sit: the line of a field, or of the nearest field around it. */
function fieldLines(document: Document, lineCounter: LineCounter, base: readonly (string | number)[]) {
  return (path: readonly (string | number)[]): number | undefined => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node: unknown = document.getIn([...base, ...path.slice(0, depth)], true);
      if (isNode(node) && node.range) {
        return lineCounter.linePos(node.range[0]).line;
      }
    }
    return undefined;
  };
}

/** A document's value, and whether the YAML 1.2 parser read it (so that its nodes carry positions). */
type DocumentValue = { value: unknown; positioned: boolean } | { problem: string; line?: number };

type Document = ReturnType<typeof parseAllDocuments>[number];

function documentValue(document: Document, text: string): DocumentValue {
  if (document.errors.length === 0) {
    try {
      return { value: document.toJS({ maxAliasCount: 100 }), positioned: true };
    } catch (error) {
      return { problem: `cannot be read: ${readProblem(error)}` };
    }
  }
  const strictError = document.errors[0];
  try {
    const [start, , end] = document.range ?? [0, 0, text.length];
    const value: unknown = loadYaml11(text.slice(start, end));
    if (expandedNodes(value) > MAX_EXPANDED_NODES) {
      return { problem: `its aliases expand to more than ${MAX_EXPANDED_NODES} nodes; refusing to read it` };
    }
    return { value, positioned: false };
  } catch {
    return { problem: readProblem(strictError), line: strictError.linePos?.[0].line };
  }
}

/** A parser's error as one line; running out of stack means the document nests too deeply to read. */
function readProblem(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split("\n")[0].replace(/:$/, "");
  return /Maximum call stack size exceeded/.test(message) ? "it nests too deeply to read" : message;
}

/** How many nodes a value has once every alias is expanded, counted without expanding them. */
function expandedNodes(value: unknown, memo = new Map<object, number>()): number {
  if (typeof value !== "object" || value === null) {
    return 1;
  }
  const known = memo.get(value);
  if (known !== undefined) {
    return known;
  }
  memo.set(value, Infinity); // a cycle expands without end
  const children = Array.isArray(value) ? value : Object.values(value);
  const total = children.reduce((sum: number, child) => sum + expandedNodes(child, memo), 1);
  memo.set(value, total);
  return total;
}

/** The objects in one document, each with its path in it: itself, the items of a `List`, or nothing for anything else. */
function kubernetesObjects(
  value: unknown,
  at: readonly (string | number)[] = [],
): { objects: { object: K8sObject; at: readonly (string | number)[] }[]; problems: string[] } {
  if (!isDict(value)) {
    return { objects: [], problems: [] };
  }
  if (value.kind === "List" && Array.isArray(value.items)) {
    const items = value.items.map((item, i) => kubernetesObjects(item, [...at, "items", i]));
    return { objects: items.flatMap((i) => i.objects), problems: items.flatMap((i) => i.problems) };
  }
  const metadata = value.metadata;
  const identity = {
    apiVersion: typeof value.apiVersion === "string" && value.apiVersion !== "",
    kind: typeof value.kind === "string" && value.kind !== "",
    name: isDict(metadata) && typeof metadata.name === "string" && metadata.name !== "",
  };
  if (identity.apiVersion && identity.kind && identity.name) {
    return { objects: [{ object: value as K8sObject, at }], problems: [] };
  }
  if (!identity.apiVersion && !identity.kind && metadata === undefined) {
    return { objects: [], problems: [] }; // not a Kubernetes object at all (a values file, say)
  }
  const missing = Object.entries({ apiVersion: identity.apiVersion, kind: identity.kind, "metadata.name": identity.name })
    .filter(([, present]) => !present)
    .map(([field]) => field);
  return {
    objects: [],
    problems: [`a ${typeof value.kind === "string" ? value.kind : "document"} without ${missing.join(", ")} cannot be applied`],
  };
}

/** `Kind group namespace/name`: the identity under which the API server stores an object. */
function identityOf(object: K8sObject): string {
  const group = object.apiVersion.includes("/") ? object.apiVersion.split("/")[0] : "";
  return `${object.kind}.${group} ${object.metadata.namespace ?? ""}/${object.metadata.name}`;
}

/**
 * The objects once each: the same object (kind, group, namespace, name) read twice, from two
 * files or one, is a duplicate input, reported as such rather than as a conflict between two
 * objects, and judged once.
 */
export function withoutDuplicates(objects: LocatedObject[]): { objects: LocatedObject[]; notes: string[] } {
  const first = new Map<string, LocatedObject>();
  const notes: string[] = [];
  for (const located of objects) {
    const identity = identityOf(located.object);
    const earlier = first.get(identity);
    if (earlier) {
      notes.push(
        `${located.file}${located.line ? `:${located.line}` : ""}: ${located.object.kind} ${located.object.metadata.namespace ? `${located.object.metadata.namespace}/` : ""}${located.object.metadata.name} is read twice (also ${earlier.file}${earlier.line ? `:${earlier.line}` : ""}); checked once`,
      );
    } else {
      first.set(identity, located);
    }
  }
  return { objects: [...first.values()], notes };
}

export interface LoadedManifests {
  objects: LocatedObject[];
  errors: ManifestError[];
  notes: string[];
}

/** The objects of every file the inputs name, each file read once and safely; problems are per file. */
export function loadManifests(
  inputs: readonly string[],
  readStdin: () => Buffer = () => Buffer.alloc(0),
  cwd: string = process.cwd(),
): LoadedManifests {
  const { files, notes, errors: fileErrors } = collectFiles(inputs, cwd);
  const loaded: LoadedManifests = { objects: [], errors: fileErrors.map((e) => ({ file: e.file, message: e.message })), notes };
  for (const file of files) {
    const input = readInput(file, readStdin);
    if ("problem" in input) {
      loaded.errors.push({ file: file.name, message: input.problem });
      continue;
    }
    const parsed = parseManifests(file.name, input.text);
    loaded.objects.push(...parsed.objects);
    loaded.errors.push(...parsed.errors);
  }
  return loaded;
}
