/**
 * What a rule is: a pure function from Kubernetes objects and thresholds to findings. The
 * CrossGuard pack (policies/index.ts) and the offline `check` command both wrap these.
 */
import type { HelmChart } from "../vocabulary/helmChart";
import type { K8sObject } from "../vocabulary/k8sObject";

export type EnforcementLevel = "advisory" | "mandatory" | "disabled";

/** A JSON-schema fragment for one threshold, as CrossGuard's `configSchema` expects. */
export interface ThresholdSchema {
  type: "number" | "integer" | "string" | "boolean" | "array" | "object";
  description: string;
  default: unknown;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  items?: Record<string, unknown>;
}

interface RuleInfo<Config> {
  /** Stable name: policy config files and suppressions refer to it. */
  name: string;
  /** Why the rule exists, in one or two sentences. */
  description: string;
  enforcementLevel: EnforcementLevel;
  /** The thresholds and their defaults. */
  defaults: Config;
  configSchema: { [K in keyof Config]: ThresholdSchema };
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
