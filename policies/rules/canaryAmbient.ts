import { isCanary, isNamespace, labelsOf } from "./lib/objects";
import type { Finding, StackRule } from "./rule";

/**
 * Flagger routes a canary with sidecar VirtualServices; it has no support for ambient mode
 * (https://github.com/fluxcd/flagger/issues/1822, https://github.com/fluxcd/flagger/issues/1825).
 */
export const canaryAmbient: StackRule<Record<string, never>> = {
  scope: "stack",
  name: "canary-ambient",
  description:
    "Flagger cannot route a canary in an ambient namespace (istio.io/dataplane-mode=ambient): its traffic shifting needs sidecars, so " +
    "the analysis would judge traffic that never reaches the canary. Keep canaried workloads in sidecar namespaces.",
  enforcementLevel: "mandatory",
  thresholds: {},
  check(objects) {
    const ambient = new Set(
      objects.filter((o) => isNamespace(o) && labelsOf(o)["istio.io/dataplane-mode"] === "ambient").map((o) => o.metadata.name),
    );
    const findings: Finding[] = [];
    for (const canary of objects.filter(isCanary)) {
      if (ambient.has(canary.metadata.namespace ?? "default")) {
        findings.push({
          object: canary,
          message: `namespace ${canary.metadata.namespace} is ambient (istio.io/dataplane-mode=ambient): Flagger cannot route this canary`,
        });
      }
    }
    return findings;
  },
};
