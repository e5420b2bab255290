import type { K8sObject } from "../vocabulary/k8sObject";
import { dict, isAuthorizationPolicy, isInjectedNamespace, isNamespace, list, specOf } from "./lib/objects";
import type { Finding, StackRule } from "./rule";

export interface DefaultDenyConfig {
  /** Mesh namespaces that may accept callers by default, such as an ingress gateway's. */
  exemptNamespaces: string[];
  /** Istio's root namespace: an allow-nothing policy there covers the whole mesh. */
  rootNamespace: string;
}

/**
 * A namespace-wide policy that denies by default: allow-nothing (ALLOW without rules: it matches
 * no request, so only what other ALLOW policies name gets through), or deny-all (DENY with one
 * empty rule, which matches every request and cannot be overridden).
 */
function deniesByDefault(policy: K8sObject): boolean {
  const spec = specOf(policy);
  const action = spec.action ?? "ALLOW";
  const selector = dict(dict(spec.selector).matchLabels);
  const namespaceWide = Object.keys(selector).length === 0 && spec.targetRefs === undefined && spec.targetRef === undefined;
  const rules = list(spec.rules);
  const allowNothing = action === "ALLOW" && rules.length === 0;
  const denyAll = action === "DENY" && rules.some((rule) => Object.keys(dict(rule)).length === 0);
  return namespaceWide && (allowNothing || denyAll);
}

export const defaultDeny: StackRule<DefaultDenyConfig> = {
  scope: "stack",
  name: "default-deny",
  description:
    "Every namespace in the mesh must deny by default (a namespace-wide AuthorizationPolicy: ALLOW with no rules, allow-nothing, or " +
    "DENY with an empty rule), so that a workload is reachable only by the callers a policy names; without it, any workload may call " +
    "any other.",
  enforcementLevel: "mandatory",
  thresholds: {
    exemptNamespaces: {
      type: "array",
      items: { type: "string" },
      default: ["istio-system", "istio-ingress"],
      description: "Mesh namespaces that need no allow-nothing policy (the control plane, an ingress gateway's namespace).",
    },
    rootNamespace: {
      type: "string",
      default: "istio-system",
      description: "Istio's root namespace, where an allow-nothing policy applies to every namespace.",
    },
  },
  check(objects, config) {
    const covered = new Set(objects.filter((o) => isAuthorizationPolicy(o) && deniesByDefault(o)).map((o) => o.metadata.namespace));
    if (covered.has(config.rootNamespace)) {
      return [];
    }
    const findings: Finding[] = [];
    for (const namespace of objects.filter((o) => isNamespace(o) && isInjectedNamespace(o))) {
      const name = namespace.metadata.name;
      if (!config.exemptNamespaces.includes(name) && !covered.has(name)) {
        findings.push({
          object: namespace,
          message: "is in the mesh without a default-deny AuthorizationPolicy (allow-nothing): any workload may call the workloads in it",
        });
      }
    }
    return findings;
  },
};
