/**
 * Parsing stack config: the project's config values in, a typed StackConfig or every problem at
 * once out, each naming the key path and the value the user wrote.
 */
import type { z } from "zod";
import { dict, isDict } from "../../policies/rules/lib/objects";
import { ALERT_WEBHOOK_URLS_KEY, configKeyPath, setAlertWebhookCommand } from "./keys";
import type { StackConfig } from "./schema";
import { stackConfigSchema } from "./stackConfig";

/** Thrown for invalid stack config; `problems` holds one line per bad key. */
export class StackConfigError extends Error {
  /**
   * @param problems one line per problem, `mesh-platform:<key path>: …`
   * @param located the same lines as the message shows them: with the name of each list item the
   *   key is in (`service payment-service`) and, read from a stack file, the file's line
   */
  constructor(
    readonly problems: string[],
    readonly located: string[] = problems,
  ) {
    super(`Invalid stack configuration:\n${located.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "StackConfigError";
  }
}

/** What the items of each list of the config are called, by the list's key path without indices. */
const ITEM_KINDS: Record<string, string> = {
  services: "service",
  "services.canary.metrics": "metric",
  "istio.ingressGateway.gateways": "gateway",
  "istio.revisions": "revision",
  externalApis: "external API",
  namespaces: "namespace",
  "flagger.alertProviders": "alert provider",
};

/** The names of the list items a key path runs through in the raw values: `["service payment-service"]`. */
function itemNames(raw: Record<string, unknown>, path: readonly PropertyKey[]): string[] {
  const names: string[] = [];
  let node: unknown = raw;
  path.forEach((part, i) => {
    node = Array.isArray(node) && typeof part === "number" ? node[part] : isDict(node) ? node[String(part)] : undefined;
    const kind =
      ITEM_KINDS[
        path
          .slice(0, i)
          .filter((p) => typeof p !== "number")
          .join(".")
      ];
    if (typeof part === "number" && kind && isDict(node) && typeof node.name === "string") {
      names.push(`${kind} ${node.name}`);
    }
  });
  return names;
}

/** A problem line with where it is: `mesh-platform:services[1].port (service payment-service, Pulumi.x.yaml:97): …`. */
function locatedLine(text: string, path: readonly PropertyKey[], raw: Record<string, unknown>, locate?: Locate): string {
  const key = `${configKeyPath(path)}: `;
  const line = locate?.(path);
  const where = [...itemNames(raw, path), ...(line ? [line] : [])];
  return where.length > 0 && text.startsWith(key) ? `${key.slice(0, -2)} (${where.join(", ")}): ${text.slice(key.length)}` : text;
}

/** Where a key path sits in the file the values came from, such as `Pulumi.production.yaml:97`. */
export type Locate = (path: readonly PropertyKey[]) => string | undefined;

export interface ParseContext {
  /**
   * The providers that have a webhook URL under the secret `alertWebhookUrls`, where the caller can
   * know: the program always; the offline tools when the stack file lists them (they never decrypt).
   * A URL for no provider is always a problem.
   */
  alertWebhookNames?: ReadonlySet<string>;
  /**
   * Whether `alertWebhookNames` is every URL the stack has, so that a provider without one is a
   * problem: true in the program, which sees every secret; false offline, where a URL may come
   * from outside the stack file (an ESC environment) and the tools only name the missing ones.
   * @default true
   */
  alertWebhookNamesComplete?: boolean;
  /** Problems found reading the entries (keys, plain-text secrets), reported with the others. */
  problems?: readonly string[];
  /** Strings the user set as secrets: a message about a value carrying one never shows it. */
  secretValues?: ReadonlySet<string>;
  /** Where each key sits in the file the values came from, for the messages. @default nowhere */
  locate?: Locate;
}

/**
 * Parses the project's config values (keys without the `mesh-platform:` prefix, values already
 * decoded from JSON) into a StackConfig, or throws a StackConfigError naming every bad key, a
 * missing secret included, all at once.
 */
export function parseStackConfig(raw: Record<string, unknown>, context: ParseContext = {}): StackConfig {
  const result = stackConfigSchema.safeParse(raw, { reportInput: true });
  const problems: { line: string; path?: readonly PropertyKey[] }[] = [
    ...(context.problems ?? []).map((line) => ({ line })),
    ...(result.success ? [] : result.error.issues.map((issue) => ({ line: describeIssue(issue, context.secretValues), path: issue.path }))),
  ];
  if (context.alertWebhookNames) {
    problems.push(...webhookProblems(raw, context.alertWebhookNames, context.alertWebhookNamesComplete ?? true).map((line) => ({ line })));
  }
  if (problems.length > 0 || !result.success) {
    throw new StackConfigError(
      problems.map((p) => p.line),
      problems.map((p) => (p.path ? locatedLine(p.line, p.path, raw, context.locate) : p.line)),
    );
  }
  return result.data;
}

/**
 * Every alert provider needs its webhook URL (when `present` is complete), and every URL a
 * provider; read from the raw values, so a missing secret is reported with every other problem.
 */
function webhookProblems(raw: Record<string, unknown>, present: ReadonlySet<string>, complete: boolean): string[] {
  const providers = (Array.isArray(dict(raw.flagger).alertProviders) ? (dict(raw.flagger).alertProviders as unknown[]) : [])
    .map((provider) => dict(provider).name)
    .filter((name): name is string => typeof name === "string");
  return [
    ...(complete ? providers : [])
      .filter((name) => !present.has(name))
      .map(
        (name) =>
          `${configKeyPath([ALERT_WEBHOOK_URLS_KEY, name])}: is required for alert provider ${name}: run \`${setAlertWebhookCommand(name)}\``,
      ),
    ...[...present]
      .filter((name) => !providers.includes(name))
      .map((name) => `${configKeyPath([ALERT_WEBHOOK_URLS_KEY, name])}: names no provider under flagger.alertProviders`),
  ];
}

/** Keys earlier versions of the platform read, with what replaced them. */
const REPLACED_KEYS: Record<string, string> = {
  "flagger.slack":
    "was replaced by flagger.alertProviders (type: slack, with its channel) and flagger.alerts; see docs/configuration.md, `flagger` and `alertWebhookUrls`",
  "services.canary.headerTest": "was replaced by strategy: abTest with iterations and match.header (see docs/delivery-strategies.md)",
  "istio.revision":
    "was replaced by istio.revisions (istiod revisions with their tags) and istio.defaultRevision; see docs/upgrading-istio.md",
};

function describeIssue(issue: z.core.$ZodIssue, secretValues: ReadonlySet<string> = new Set()): string {
  if (issue.code === "unrecognized_keys") {
    return issue.keys
      .map((key) => {
        const dotted = [...issue.path, key].filter((part) => typeof part !== "number").join(".");
        return `${configKeyPath([...issue.path, key])}: ${REPLACED_KEYS[dotted] ?? "unknown key"}`;
      })
      .join("; ");
  }
  const value =
    issue.code === "invalid_union" && "discriminator" in issue && isDict(issue.input)
      ? issue.input[String(issue.discriminator)]
      : issue.input;
  if (value === undefined && issue.code === "invalid_type") {
    return `${configKeyPath(issue.path)}: is required`;
  }
  return `${configKeyPath(issue.path)}: ${issue.message} (got ${showValue(value, secretValues)})`;
}

/** Lists and objects longer than this are named by their shape rather than written out. */
const MAX_SHOWN_LENGTH = 80;

/** What the user wrote, as JSON; a long list or object by its shape only, and never a secret. */
function showValue(value: unknown, secretValues: ReadonlySet<string>): string {
  if (value === undefined) {
    return "nothing";
  }
  const text = JSON.stringify(value);
  if ([...secretValues].some((secret) => secret !== "" && text.includes(secret))) {
    return "a secret value, not shown";
  }
  if (text.length > MAX_SHOWN_LENGTH && (Array.isArray(value) || isDict(value))) {
    return Array.isArray(value) ? "a list" : "an object";
  }
  return text;
}
