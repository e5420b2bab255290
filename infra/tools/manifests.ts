/**
 * Kubernetes YAML from files and directories, each object with the file and line it came from.
 * Documents that are not Kubernetes objects are skipped; YAML that does not parse is reported
 * with its file and line.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { LineCounter, parseAllDocuments } from "yaml";
import { isDict } from "../../policies/rules/lib/objects";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";

export interface LocatedObject {
  object: K8sObject;
  file: string;
  line?: number;
}

export interface ManifestError {
  file: string;
  line?: number;
  message: string;
}

function manifestFiles(inputs: string[]): string[] {
  return inputs.flatMap((input) => {
    const stats = statSync(input, { throwIfNoEntry: false });
    if (!stats) {
      throw new Error(`${input}: no such file or directory`);
    }
    if (!stats.isDirectory()) {
      return [input];
    }
    return readdirSync(input, { recursive: true, encoding: "utf8" })
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => path.join(input, f));
  });
}

export function parseManifests(file: string, text: string): { objects: LocatedObject[]; errors: ManifestError[] } {
  const lineCounter = new LineCounter();
  const objects: LocatedObject[] = [];
  const errors: ManifestError[] = [];
  for (const document of parseAllDocuments(text, { lineCounter })) {
    if (document.errors.length > 0) {
      const first = document.errors[0];
      errors.push({ file, line: first.linePos?.[0].line, message: first.message.split("\n")[0] });
      continue;
    }
    const line = lineCounter.linePos(document.contents?.range[0] ?? document.range[0]).line;
    for (const object of kubernetesObjects(document.toJS())) {
      objects.push({ object, file, line });
    }
  }
  return { objects, errors };
}

/** The objects in one document: itself, the items of a `List`, or nothing for anything else. */
function kubernetesObjects(value: unknown): K8sObject[] {
  if (!isDict(value)) {
    return [];
  }
  if (value.kind === "List" && Array.isArray(value.items)) {
    return value.items.flatMap(kubernetesObjects);
  }
  const metadata = value.metadata;
  if (typeof value.apiVersion !== "string" || typeof value.kind !== "string" || !isDict(metadata) || typeof metadata.name !== "string") {
    return [];
  }
  return [value as K8sObject];
}

export function loadManifests(inputs: string[]): { objects: LocatedObject[]; errors: ManifestError[] } {
  const objects: LocatedObject[] = [];
  const errors: ManifestError[] = [];
  for (const file of manifestFiles(inputs)) {
    const parsed = parseManifests(file, readFileSync(file, "utf8"));
    objects.push(...parsed.objects);
    errors.push(...parsed.errors);
  }
  return { objects, errors };
}
