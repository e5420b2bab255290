/** Reads the project's own stack files and turns config objects into what the Pulumi CLI passes. */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

export const PROJECT_ROOT = path.resolve(__dirname, "..", "..");

/** The `config:` map of `Pulumi.<stack>.yaml`, values as YAML parsed them. */
export function stackFileConfig(stack: string): Record<string, unknown> {
  const document = parse(readFileSync(path.join(PROJECT_ROOT, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
  return document.config;
}

/** Config values as the CLI hands them to a program: structured values JSON-encoded. */
export function asCliConfig(config: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

/** A small valid stack config (project keys without prefix), for tests to vary. */
export function minimalStackValues(): Record<string, unknown> {
  return {
    cluster: { kind: "kubeconfig", context: "test" },
    flagger: { metricsServer: "http://prometheus.monitoring:9090" },
    namespaces: [{ name: "apps" }],
    services: [],
  };
}

/** Prefixes keys with the project name, as in a stack file. */
export function withProjectPrefix(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [`mesh-platform:${k}`, v]));
}

/** The names of the project's stacks: every `Pulumi.<stack>.yaml` beside `Pulumi.yaml`. */
export function stackNames(): string[] {
  return readdirSync(PROJECT_ROOT)
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}
