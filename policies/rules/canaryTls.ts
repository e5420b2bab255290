import type { K8sObject } from "../vocabulary/k8sObject";
import { dict, isCanary, isPeerAuthentication, specOf } from "./lib/objects";
import type { Finding, StackRule } from "./rule";

export interface CanaryTlsConfig {
  /** Istio's root namespace: a PeerAuthentication there sets the mesh-wide mode. */
  rootNamespace: string;
}

/** A namespace-wide (no selector) PeerAuthentication requiring STRICT mutual TLS. */
function strictNamespaceWide(policy: K8sObject): boolean {
  const spec = specOf(policy);
  return Object.keys(dict(dict(spec.selector).matchLabels)).length === 0 && dict(spec.mtls).mode === "STRICT";
}

export const canaryTls: StackRule<CanaryTlsConfig> = {
  scope: "stack",
  name: "canary-tls",
  description:
    "A Canary whose traffic policy disables TLS (tls.mode DISABLE) in a namespace that requires STRICT mutual TLS sends plain text to " +
    "workloads that refuse it: every request through Flagger's routes fails with 503.",
  enforcementLevel: "mandatory",
  thresholds: {
    rootNamespace: {
      type: "string",
      default: "istio-system",
      description: "Istio's root namespace, whose PeerAuthentication applies mesh-wide.",
    },
  },
  check(objects, config) {
    const strict = new Set(objects.filter((o) => isPeerAuthentication(o) && strictNamespaceWide(o)).map((o) => o.metadata.namespace));
    const findings: Finding[] = [];
    for (const canary of objects.filter(isCanary)) {
      const tls = dict(dict(dict(specOf(canary).service).trafficPolicy).tls);
      const namespace = canary.metadata.namespace ?? "default";
      if (tls.mode === "DISABLE" && (strict.has(namespace) || strict.has(config.rootNamespace))) {
        findings.push({
          object: canary,
          message: `service.trafficPolicy.tls.mode is DISABLE while namespace ${strict.has(namespace) ? namespace : config.rootNamespace} requires STRICT mutual TLS: requests would fail with 503; use ISTIO_MUTUAL`,
        });
      }
    }
    return findings;
  },
};
