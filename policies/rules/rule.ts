/**
 * What a rule is: a pure function from Kubernetes objects and thresholds to findings. The
 * CrossGuard pack (policies/index.ts) and the offline `check` command both wrap these.
 */
import type { HelmChart } from "../vocabulary/helmChart";
import type { K8sObject } from "../vocabulary/k8sObject";

export type EnforcementLevel = "advisory" | "mandatory" | "disabled";

/**
 * One threshold, declared once: its JSON schema as CrossGuard's `configSchema` takes it, with its
 * default. The rule's defaults, the pack's config schema and policies/README.md's rule table all derive
 * from these declarations.
 */
export interface ThresholdSchema<T = unknown> {
  type: "number" | "integer" | "string" | "boolean" | "array" | "object";
  description: string;
  default: T;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  items?: Record<string, unknown>;
}

export type Thresholds<Config> = { [K in keyof Config]: ThresholdSchema<Config[K]> };

interface RuleInfo<Config> {
  /** Stable name: policy config files and suppressions refer to it. */
  name: string;
  /** Why the rule exists, in one or two sentences. */
  description: string;
  enforcementLevel: EnforcementLevel;
  /** The thresholds, each with its schema and default. */
  thresholds: Thresholds<Config>;
}

/** Thresholds for a rule: its defaults overlaid with what `--policy-pack-config` says. */
export function thresholdsOf<Config>(rule: { thresholds: Thresholds<Config> }, configured: object): Config {
  return { ...defaultsOf(rule), ...(configured as Partial<Config>) };
}

/** A rule's default thresholds, from its declarations. */
export function defaultsOf<Config>(rule: { thresholds: Thresholds<Config> }): Config {
  return Object.fromEntries(Object.entries(rule.thresholds).map(([key, schema]) => [key, (schema as ThresholdSchema).default])) as Config;
}

/** A rule that judges one object at a time. */
export interface ObjectRule<Config> extends RuleInfo<Config> {
  scope: "object";
  check(object: K8sObject, config: Config): string[];
}

/** A rule over every object of a stack or file set; must stay linear in the number of objects. */
export interface StackRule<Config> extends RuleInfo<Config> {
  scope: "stack";
  check(objects: K8sObject[], config: Config): Finding[];
}

/** A rule that judges one Helm chart installation: where it comes from, its version, its values. */
export interface ChartRule<Config> extends RuleInfo<Config> {
  scope: "chart";
  check(chart: HelmChart, config: Config): string[];
}

/** A resource as Pulumi declared it: what only a preview knows (charts, dependencies). */
export interface DeclaredResource {
  urn: string;
  type: string;
  props: Record<string, unknown>;
  /** URNs of the resources it explicitly depends on. */
  dependencies: string[];
  /** Type of the parent, when the resource was declared inside a component. */
  parentType?: string;
}

/** A rule over Pulumi's resource graph; only a preview can run it. */
export interface GraphRule<Config> extends RuleInfo<Config> {
  scope: "graph";
  check(resources: DeclaredResource[], config: Config): { urn: string; message: string }[];
}

export interface Finding {
  object: K8sObject;
  message: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of rules with different configs
export type AnyRule = ObjectRule<any> | StackRule<any> | GraphRule<any> | ChartRule<any>;
