/**
 * Reads stack files, the project's own or the tests' reference copies, and turns config objects
 * into what the Pulumi CLI passes. Specs that assert an exact inventory read the reference copies;
 * specs over the project's own stacks assert only what holds for any valid stack.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

export const PROJECT_ROOT = path.resolve(__dirname, "..", "..");

/** The tests' own copies of the stacks, frozen as the tests know them (see their header). */
export const REFERENCE_STACKS = path.join(PROJECT_ROOT, "tests", "fixtures", "reference-stacks");

/** The `config:` map of `Pulumi.<stack>.yaml` in `root`, values as YAML parsed them. */
export function stackFileConfig(stack: string, root: string = PROJECT_ROOT): Record<string, unknown> {
  const document = parse(readFileSync(path.join(root, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
  return document.config;
}

/** The `config:` map of a reference stack (`production`: mid-upgrade, every feature; `staging`: settled). */
export function referenceStackConfig(stack: "production" | "staging"): Record<string, unknown> {
  return stackFileConfig(stack, REFERENCE_STACKS);
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

/** The secret config key that holds the alert providers' webhook URLs. */
export const ALERT_WEBHOOKS_KEY = "mesh-platform:alertWebhookUrls";

/**
 * What `pulumi config set --secret --path 'alertWebhookUrls.<provider>'` gives a stack: a URL for
 * each provider its `flagger.alertProviders` declares. Pass with `secretKeys: [ALERT_WEBHOOKS_KEY]`.
 */
export function alertWebhookSecrets(config: Record<string, unknown>): Record<string, Record<string, string>> {
  const flagger = (config["mesh-platform:flagger"] ?? {}) as { alertProviders?: { name: string }[] };
  const providers = flagger.alertProviders ?? [];
  return { [ALERT_WEBHOOKS_KEY]: Object.fromEntries(providers.map((p) => [p.name, `https://hooks.example.com/${p.name}/s3cr3t`])) };
}
