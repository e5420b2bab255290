/**
 * Wraps the pure rules as CrossGuard policies. Kept apart from index.ts because constructing a
 * PolicyPack starts a gRPC server and keeps the process alive: tests import this module instead.
 */
import type {
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { describeObject, type K8sObject } from "./vocabulary/k8sObject";
import { apiVersionOfType, chartOfResource } from "./rules/lib/pulumiTypes";
import { RULES } from "./rules";
import { thresholdsOf, type AnyRule, type DeclaredResource } from "./rules/rule";
import { describeChart } from "./vocabulary/helmChart";

/** The Kubernetes object a Pulumi resource declares, or undefined for anything else (charts, providers, AWS). */
function objectOfResource(type: string, name: string, props: Record<string, unknown>): K8sObject | undefined {
  if (!type.startsWith("kubernetes:") || type.startsWith("kubernetes:helm.sh/")) {
    return undefined;
  }
  const apiVersion = typeof props.apiVersion === "string" ? props.apiVersion : apiVersionOfType(type);
  const kind = typeof props.kind === "string" ? props.kind : type.split(":").pop();
  if (!apiVersion || !kind) {
    return undefined;
  }
  const metadata = (typeof props.metadata === "object" && props.metadata !== null ? props.metadata : {}) as K8sObject["metadata"];
  return { ...props, apiVersion, kind, metadata: { ...metadata, name: metadata.name ?? name } };
}

export function crossGuardPolicy(rule: AnyRule): ResourceValidationPolicy | StackValidationPolicy {
  const common = {
    name: rule.name,
    description: rule.description,
    enforcementLevel: rule.enforcementLevel,
    configSchema: { properties: rule.thresholds } as unknown as PolicyConfigSchema,
  };
  if (rule.scope === "object") {
    return {
      ...common,
      validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        const object = objectOfResource(args.type, args.name, args.props);
        if (!object) {
          return;
        }
        for (const message of rule.check(object, thresholdsOf(rule, args.getConfig()))) {
          reportViolation(`${describeObject(object)}: ${message}`);
        }
      },
    };
  }
  if (rule.scope === "chart") {
    return {
      ...common,
      validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        const chart = chartOfResource(args.type, args.props);
        if (!chart) {
          return;
        }
        for (const message of rule.check(chart, thresholdsOf(rule, args.getConfig()))) {
          reportViolation(`${describeChart(chart)}: ${message}`);
        }
      },
    };
  }
  if (rule.scope === "stack") {
    return {
      ...common,
      validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
        const urnByObject = new Map<K8sObject, string>();
        for (const resource of args.resources) {
          const object = objectOfResource(resource.type, resource.name, resource.props);
          if (object) {
            urnByObject.set(object, resource.urn);
          }
        }
        for (const finding of rule.check([...urnByObject.keys()], thresholdsOf(rule, args.getConfig()))) {
          reportViolation(`${describeObject(finding.object)}: ${finding.message}`, urnByObject.get(finding.object));
        }
      },
    };
  }
  return {
    ...common,
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
      for (const finding of rule.check(args.resources.map(declaredResource), thresholdsOf(rule, args.getConfig()))) {
        reportViolation(finding.message, finding.urn);
      }
    },
  };
}

function declaredResource(resource: PolicyResource): DeclaredResource {
  return {
    urn: resource.urn,
    type: resource.type,
    props: resource.props,
    dependencies: resource.dependencies.map((d) => d.urn),
    parentType: resource.parent?.type,
  };
}

export function crossGuardPolicies(): (ResourceValidationPolicy | StackValidationPolicy)[] {
  return RULES.map(crossGuardPolicy);
}
