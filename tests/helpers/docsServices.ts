/**
 * The examples of docs/adding-a-service.md, read from the page, and a stack config with them added
 * as a user would add them: for the spec that checks the page and for the integration spec that
 * rewrites a copy of the project's stack files.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { PROJECT_ROOT } from "./stackFiles";

/** The YAML blocks of docs/adding-a-service.md. */
export function pageBlocks(): string[] {
  const page = readFileSync(path.join(PROJECT_ROOT, "docs", "adding-a-service.md"), "utf8");
  return [...page.matchAll(/^```yaml\n([\s\S]*?)^```/gm)].map((match) => match[1]);
}

export type Doc = Record<string, any>;

/** The blocks of config: everything but the Kubernetes documents. */
const configBlocks = () => pageBlocks().filter((block) => !/^apiVersion:/m.test(block));

/** The service entries: blocks that are lists of services. */
export const pageServices = (): Doc[] =>
  configBlocks()
    .map((block) => parse(block) as unknown)
    .filter((value): value is Doc[] => Array.isArray(value))
    .flat();

/** The fragment a caller adds: the block that is only `calls`. */
export const pageCallerFragment = (): Doc =>
  configBlocks()
    .map((block) => parse(block) as Doc)
    .find((value) => !Array.isArray(value) && "calls" in value)!;

/** The teams' manifests: the block of Kubernetes documents. */
export const pageManifests = (): Doc[] =>
  pageBlocks()
    .filter((block) => /^apiVersion:/m.test(block))
    .flatMap((block) => parseAllDocuments(block).map((document) => document.toJS() as Doc));

/** Every string in a value, with each whole word `from` replaced by `to`. */
function renamed<T>(value: T, from: string, to: string): T {
  if (from === to) {
    return value;
  }
  const word = new RegExp(`\\b${from.replace(/[-.]/g, "\\$&")}\\b`, "g");
  return JSON.parse(JSON.stringify(value), (_key, item: unknown) => (typeof item === "string" ? item.replace(word, to) : item)) as T;
}

/**
 * A stack with the page's services added as a user would: in the stack's first mesh namespace,
 * renamed if the stack already has a service of that name there, with `alerts: false` where the
 * stack sends no alerts, and called by the stack's first service there, as the page's fragment
 * shows; with the teams' manifests made to match.
 */
export function withPageServices(config: Record<string, unknown>): { values: Record<string, unknown>; manifests: Doc[]; added: string[] } {
  const namespace = (config["mesh-platform:namespaces"] as { name: string }[])[0].name;
  const services = structuredClone((config["mesh-platform:services"] as Doc[] | undefined) ?? []);
  const alerting = ((config["mesh-platform:flagger"] as { alerts?: unknown[] }).alerts ?? []).length > 0;
  let examples = renamed(pageServices(), "production", namespace);
  let manifests = renamed(pageManifests(), "production", namespace);
  let fragment = pageCallerFragment();
  for (const name of examples.map((service) => service.name as string)) {
    if (services.some((s) => s.namespace === namespace && s.name === name)) {
      [examples, manifests, fragment] = [examples, manifests, fragment].map((value) => renamed(value, name, `${name}-example`)) as [
        Doc[],
        Doc[],
        Doc,
      ];
    }
  }
  for (const service of examples.filter((s) => s.delivery === "progressive" && !alerting)) {
    service.canary.alerts = false;
  }
  const caller = services.find((s) => s.namespace === namespace);
  assert.ok(caller, `the stack has a service in ${namespace} to call the example`);
  const added = (fragment.calls.services as string[]).filter((name) => !(caller.calls?.services ?? []).includes(name));
  caller.calls = { ...caller.calls, services: [...(caller.calls?.services ?? []), ...added] };
  return {
    values: { ...config, "mesh-platform:services": [...services, ...examples] },
    manifests,
    added: examples.map((service) => `${namespace}/${service.name as string}`),
  };
}
