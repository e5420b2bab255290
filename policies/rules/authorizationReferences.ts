import type { K8sObject } from "../vocabulary/k8sObject";
import { selectorMatches } from "../vocabulary/labelSelector";
import { podViews, type PodView } from "../vocabulary/pods";
import { dict, isAuthorizationPolicy, isNamespace, labelsOf, list, specOf } from "./lib/objects";
import type { Finding, StackRule } from "./rule";

export interface AuthorizationReferencesConfig {
  /** Istio's root namespace: a policy there applies to the whole mesh. */
  rootNamespace: string;
}

const SIDECAR_INJECT = "sidecar.istio.io/inject";

/**
 * Whether a pod is in the mesh, as istioctl reads it: it runs an `istio-proxy` container, its
 * label or annotation asks for injection, or its namespace among the objects is labelled
 * `istio-injection=enabled`; an ambient pod counts too.
 */
function inMesh(pod: PodView, namespaces: Map<string, K8sObject>): boolean {
  const containers = [...list(pod.spec.containers), ...list(pod.spec.initContainers)].map(dict);
  if (containers.some((container) => container.name === "istio-proxy")) {
    return true;
  }
  const asked = pod.labels[SIDECAR_INJECT] ?? pod.annotations[SIDECAR_INJECT];
  if (asked !== undefined) {
    return asked === "true";
  }
  if (pod.annotations["ambient.istio.io/redirection"] === "enabled") {
    return true;
  }
  const namespace = namespaces.get(pod.namespace);
  return namespace !== undefined && labelsOf(namespace)["istio-injection"] === "enabled";
}

/** A source namespace expression (`ns`, `prefix-*`, `*-suffix`, `*`) as Istio matches it. */
function namespaceMatches(name: string, expression: string): boolean {
  if (expression === "*") {
    return true;
  }
  if (expression.startsWith("*")) {
    return name.endsWith(expression.slice(1));
  }
  if (expression.endsWith("*")) {
    return name.startsWith(expression.slice(0, -1));
  }
  return name.toLowerCase() === expression.toLowerCase();
}

/**
 * istioctl's AuthorizationPolicy analysis: IST0101 for a source (not)namespace no namespace
 * matches, IST0127 for a policy that selects no workload in the mesh.
 */
export const authorizationReferences: StackRule<AuthorizationReferencesConfig> = {
  scope: "stack",
  name: "authorization-references",
  description:
    "An AuthorizationPolicy must refer to what exists: each source namespace or notNamespace expression must match a namespace " +
    "(istioctl IST0101; judged only when the objects hold Namespaces), and the policy must select a workload in the mesh: in its " +
    "namespace, or anywhere for a root-namespace policy with a selector (IST0127; judged only when the objects hold pods, as Pods " +
    "or workload templates). Without them it cannot know and says nothing.",
  enforcementLevel: "mandatory",
  thresholds: {
    rootNamespace: {
      type: "string",
      default: "istio-system",
      description: "Istio's root namespace, where a policy applies to the whole mesh.",
    },
  },
  check(objects, config) {
    const namespaces = new Map(objects.filter(isNamespace).map((ns) => [ns.metadata.name, ns]));
    const pods = podViews(objects);
    const meshPods = pods.filter((pod) => inMesh(pod, namespaces));
    const findings: Finding[] = [];
    for (const policy of objects.filter(isAuthorizationPolicy)) {
      const spec = specOf(policy);
      const namespace = policy.metadata.namespace ?? "default";
      if (pods.length > 0) {
        const selector = spec.selector === undefined ? undefined : (dict(dict(spec.selector).matchLabels) as Record<string, string>);
        const matches = (pod: PodView) => selector === undefined || selectorMatches({ matchLabels: selector }, pod.labels);
        if (namespace === config.rootNamespace) {
          if (selector !== undefined && !meshPods.some(matches)) {
            findings.push({
              object: policy,
              message: `selects no workload anywhere in the mesh with ${JSON.stringify(selector)} (IST0127)`,
            });
          }
        } else if (!meshPods.some((pod) => pod.namespace === namespace && matches(pod))) {
          findings.push({
            object: policy,
            message: `selects no workload in the mesh in namespace ${namespace}${selector === undefined ? "" : ` with ${JSON.stringify(selector)}`} (IST0127)`,
          });
        }
      }
      if (namespaces.size > 0) {
        list(spec.rules).forEach((rule, i) =>
          list(dict(rule).from).forEach((from, j) => {
            const source = dict(dict(from).source);
            for (const field of ["namespaces", "notNamespaces"] as const) {
              list(source[field]).forEach((expression, k) => {
                if (typeof expression === "string" && ![...namespaces.keys()].some((name) => namespaceMatches(name, expression))) {
                  findings.push({
                    object: policy,
                    message: `rules[${i}].from[${j}].source.${field}[${k}] ${JSON.stringify(expression)} matches no namespace (IST0101)`,
                  });
                }
              });
            }
          }),
        );
      }
    }
    return findings;
  },
};
