/**
 * Drives rules exactly as CrossGuard does: through crossGuardPolicy(rule), with the argument
 * objects CrossGuard passes (type, props, urn, name, opts, getConfig) and a reportViolation
 * collector. Also the shared fixture factory: valid objects from the real builders, and a
 * helper to break one field of a copy.
 */
import type {
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { crossGuardPolicy } from "../../policies/crossguard";
import type { AnyRule, EnforcementLevel } from "../../policies/rules/rule";
import { RULES } from "../../policies/rules";
import { enabledRules, type PackConfig } from "../../policies/packConfig";
import type { RecordedResource } from "../helpers/pulumiHarness";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { stackObjects } from "../../components/builders/stack";
import { everythingConfig } from "../helpers/configFixtures";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../helpers/stackFiles";

export interface Reported {
  message: string;
  urn?: string;
}

const emptyOpts = {
  protect: false,
  ignoreChanges: [],
  aliases: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  additionalSecretOutputs: [],
};

/** The Pulumi type token of an object, as @pulumi/kubernetes registers it. */
function typeOf(object: K8sObject): string {
  return object.apiVersion === "v1" ? `kubernetes:core/v1:${object.kind}` : `kubernetes:${object.apiVersion}:${object.kind}`;
}

function urnOf(type: string, name: string): string {
  return `urn:pulumi:test::mesh-platform::${type}::${name}`;
}

/** A resource as CrossGuard presents it in validateStack. */
export function policyResource(
  type: string,
  name: string,
  props: Record<string, unknown>,
  extra: Partial<PolicyResource> = {},
): PolicyResource {
  return {
    type,
    name,
    props,
    urn: urnOf(type, name),
    opts: emptyOpts,
    dependencies: [],
    propertyDependencies: {},
    ...extra,
  } as PolicyResource;
}

export function resourceOfObject(object: K8sObject): PolicyResource {
  return policyResource(typeOf(object), `${object.metadata.namespace ?? "cluster"}-${object.kind}-${object.metadata.name}`, object);
}

/** What CrossGuard's validateStack receives for a program run recorded under mocks. */
export function resourcesOfRecording(recorded: RecordedResource[]): PolicyResource[] {
  const byKey = new Map<string, PolicyResource>();
  for (const r of recorded) {
    byKey.set(`${r.type}::${r.name}`, policyResource(r.type, r.name, r.inputs));
  }
  for (const r of recorded) {
    const resource = byKey.get(`${r.type}::${r.name}`)!;
    resource.dependencies = r.dependsOn.map((k) => byKey.get(k)!).filter(Boolean);
    resource.parent = r.parent ? byKey.get(r.parent) : undefined;
  }
  return [...byKey.values()];
}

export interface LeveledViolation {
  rule: string;
  level: EnforcementLevel;
  message: string;
}

/**
 * Every rule of the pack over a set of resources, as CrossGuard runs them: levels and thresholds
 * from the pack config (the pack's own `enabledRules`), each rule through its CrossGuard policy.
 */
export function evaluatePack(resources: PolicyResource[], packConfig: PackConfig): LeveledViolation[] {
  return enabledRules(packConfig, RULES).flatMap(({ rule, level, configured }) => {
    const messages =
      rule.scope === "object" || rule.scope === "chart"
        ? resources.flatMap((resource) => validateResource(rule, resource, configured))
        : validateResources(rule, resources, configured).map((r) => r.message);
    return messages.map((message) => ({ rule: rule.name, level, message }));
  });
}

/** Runs one object through a rule's validateResource; `config` is what --policy-pack-config would give. */
export function validateObject(rule: AnyRule, object: K8sObject, config: object = {}): string[] {
  return validateResource(rule, resourceOfObject(object), config);
}

/** Runs one declared resource through a rule's validateResource, with the arguments CrossGuard builds. */
export function validateResource(rule: AnyRule, resource: PolicyResource, config: object = {}): string[] {
  const policy = crossGuardPolicy(rule) as ResourceValidationPolicy;
  if (!policy.validateResource) {
    throw new Error(`${rule.name} is not a resource policy`);
  }
  const reported: string[] = [];
  const args = {
    type: resource.type,
    props: resource.props,
    urn: resource.urn,
    name: resource.name,
    opts: resource.opts,
    stackTags: new Map(),
    getConfig: () => config,
  } as unknown as ResourceValidationArgs;
  const report: ReportViolation = (message) => reported.push(message);
  expectSynchronous((policy.validateResource as (a: ResourceValidationArgs, r: ReportViolation) => unknown)(args, report));
  return reported;
}

/** The pack's policies report synchronously; a promise here would mean violations are read too early. */
function expectSynchronous(result: unknown): void {
  if (result instanceof Promise) {
    throw new Error("a policy returned a promise; the harness reads violations synchronously");
  }
}

/** Runs resources through a rule's validateStack. */
export function validateResources(rule: AnyRule, resources: PolicyResource[], config: object = {}): Reported[] {
  const policy = crossGuardPolicy(rule) as StackValidationPolicy;
  if (!policy.validateStack) {
    throw new Error(`${rule.name} is not a stack policy`);
  }
  const reported: Reported[] = [];
  const args = { resources, stackTags: new Map(), getConfig: () => config } as unknown as StackValidationArgs;
  expectSynchronous(policy.validateStack(args, (message, urn) => reported.push({ message, urn })));
  return reported;
}

export function validateStackObjects(rule: AnyRule, objects: K8sObject[], config: object = {}): Reported[] {
  return validateResources(rule, objects.map(resourceOfObject), config);
}

/** Valid objects of every kind, from the fixture that switches every option on. */
export function validObjects(): K8sObject[] {
  return stackObjects(everythingConfig(), (provider) => `<webhook of ${provider}>`);
}

export function validObject(kind: string, name: string): K8sObject {
  const found = validObjects().find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) {
    throw new Error(`no ${kind} ${name} in the fixture`);
  }
  return found;
}

/** A deep copy of `object` with the value at `path` (dot-separated, numeric parts index lists) replaced or, for undefined, removed. */
export function withField(object: K8sObject, path: string, value: unknown): K8sObject {
  const copy = JSON.parse(JSON.stringify(object)) as K8sObject;
  const parts = path.split(".");
  let node: Record<string, unknown> = copy;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1];
  if (value === undefined) {
    delete node[last];
  } else {
    node[last] = value;
  }
  return copy;
}

/** The pack config a stack is previewed with: `policies/config/<stack>.json`, or the pack's defaults when there is none. */
export function stackPackConfig(stack: string): PackConfig {
  const file = path.join(PROJECT_ROOT, "policies", "config", `${stack}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as PackConfig) : {};
}
