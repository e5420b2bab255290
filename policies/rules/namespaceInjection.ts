import type { K8sObject } from "../vocabulary/k8sObject";
import { dict, isCanary, isDestinationRule, isNamespace, isPeerAuthentication, isVirtualService } from "./lib/objects";
import type { Finding, StackRule } from "./rule";

export interface NamespaceInjectionConfig {
  /** Namespaces that hold mesh configuration without running injected workloads (the Istio root namespace). */
  exemptNamespaces: string[];
}

const holdsMeshWorkloads = (o: K8sObject) => isCanary(o) || isVirtualService(o) || isDestinationRule(o) || isPeerAuthentication(o);

/** istioctl IST0102 and IST0123 at preview time. */
export const namespaceInjection: StackRule<NamespaceInjectionConfig> = {
  scope: "stack",
  name: "namespace-injection",
  description:
    "Every namespace that holds mesh objects must be declared with sidecar injection on (istio-injection=enabled or istio.io/rev), " +
    "never both labels at once; otherwise its pods run without sidecars and STRICT mTLS refuses their traffic.",
  enforcementLevel: "mandatory",
  thresholds: {
    exemptNamespaces: {
      type: "array",
      items: { type: "string" },
      default: ["istio-system"],
      description: "Namespaces exempt from the injection requirement.",
    },
  },
  check(objects, config) {
    const findings: Finding[] = [];
    const namespaces = new Map<string, K8sObject>();
    for (const object of objects.filter(isNamespace)) {
      namespaces.set(object.metadata.name, object);
      const labels = dict(object.metadata.labels);
      if (labels["istio-injection"] !== undefined && labels["istio.io/rev"] !== undefined) {
        findings.push({ object, message: "has both istio-injection and istio.io/rev labels (IST0123): pick one" });
      }
    }
    const reported = new Set<string>();
    for (const object of objects.filter(holdsMeshWorkloads)) {
      const name = object.metadata.namespace;
      if (!name || config.exemptNamespaces.includes(name) || reported.has(name)) {
        continue;
      }
      const namespace = namespaces.get(name);
      const labels = dict(namespace?.metadata.labels);
      if (!namespace) {
        reported.add(name);
        findings.push({ object, message: `its namespace ${name} is not declared with it, so its injection label cannot be checked` });
      } else if (labels["istio-injection"] !== "enabled" && labels["istio.io/rev"] === undefined) {
        reported.add(name);
        findings.push({ object: namespace, message: `holds mesh objects but is not labelled for sidecar injection (IST0102)` });
      }
    }
    return findings;
  },
};
