import { podView } from "../vocabulary/pods";
import type { ObjectRule } from "./rule";

export interface InjectionOptOutConfig {
  /** Namespaces whose pods may opt out of the sidecar (a batch namespace outside the mesh, say). */
  exemptNamespaces: string[];
}

const SIDECAR_INJECT = "sidecar.istio.io/inject";

/**
 * Kyverno's prevent-disabling-injection-pods, for Pods and every pod template: a pod that opts out
 * of the sidecar is outside the mesh, so under STRICT mTLS every mesh caller is refused and no
 * authorization policy applies to it.
 */
export const injectionOptOut: ObjectRule<InjectionOptOutConfig> = {
  scope: "object",
  name: "injection-opt-out",
  description:
    'No Pod or pod template opts out of the sidecar (`sidecar.istio.io/inject: "false"` as an annotation or a label): such a pod is ' +
    "outside the mesh, refused by every STRICT caller and untouched by the authorization policies. It judges the workloads among the " +
    "objects it sees; `check --workloads` judges the teams' against each service.",
  enforcementLevel: "mandatory",
  thresholds: {
    exemptNamespaces: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "Namespaces whose pods may run without a sidecar.",
    },
  },
  check(object, config) {
    const pod = podView(object);
    if (!pod || config.exemptNamespaces.includes(pod.namespace)) {
      return [];
    }
    const where = object.kind === "Pod" ? "metadata" : "its pod template's metadata";
    return (["annotations", "labels"] as const)
      .filter((field) => pod[field][SIDECAR_INJECT] === "false")
      .map((field) => `${where}.${field} set ${SIDECAR_INJECT}: "false": its pods run without a sidecar, outside the mesh`);
  },
};
