import type { K8sObject } from "../vocabulary/k8sObject";
import { isCanary, isDestinationRule, isNamespace, isPeerAuthentication, isVirtualService, labelsOf } from "./lib/objects";
import type { Finding, StackRule } from "./rule";

export interface NamespaceInjectionConfig {
  /** Namespaces that need not say whether they are in the mesh (the Istio root namespace). */
  exemptNamespaces: string[];
}

const INJECTION = "istio-injection";
const REVISION = "istio.io/rev";
const DATAPLANE_MODE = "istio.io/dataplane-mode";

const holdsMeshWorkloads = (o: K8sObject) => isCanary(o) || isVirtualService(o) || isDestinationRule(o) || isPeerAuthentication(o);

/**
 * The injection labels that compete on a namespace, as istioctl counts them for IST0123: the
 * legacy label always, a revision or dataplane mode only when the legacy label does not say
 * `disabled` (a disabled namespace keeps a revision label without conflict).
 */
function competingLabels(labels: Record<string, string | undefined>): string[] {
  const injection = labels[INJECTION];
  const counted = injection !== undefined ? [`${INJECTION}=${injection}`] : [];
  for (const key of [REVISION, DATAPLANE_MODE]) {
    if (labels[key] !== undefined && (injection === undefined || injection === "enabled")) {
      counted.push(`${key}=${labels[key]}`);
    }
  }
  return counted;
}

/** istioctl IST0102 and IST0123, and a disabled namespace that holds mesh objects, at preview time. */
export const namespaceInjection: StackRule<NamespaceInjectionConfig> = {
  scope: "stack",
  name: "namespace-injection",
  description:
    "Every namespace must say whether its pods join the mesh (istio-injection=enabled, an istio.io/rev tag or revision, or " +
    "istio-injection=disabled; istioctl IST0102), with one label only (IST0123); a namespace that holds mesh objects must be " +
    "injected, or its pods run without sidecars and STRICT mTLS refuses their traffic.",
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
    for (const namespace of objects.filter(isNamespace)) {
      namespaces.set(namespace.metadata.name, namespace);
      const labels = labelsOf(namespace);
      const competing = competingLabels(labels);
      if (competing.length > 1) {
        findings.push({ object: namespace, message: `has competing injection labels ${competing.join(", ")} (IST0123): keep one` });
      }
      const exempt = config.exemptNamespaces.includes(namespace.metadata.name) || labels[DATAPLANE_MODE] === "ambient";
      if (!exempt && labels[INJECTION] === undefined && labels[REVISION] === undefined) {
        findings.push({
          object: namespace,
          message:
            "does not say whether its pods join the mesh (IST0102): label it istio-injection=enabled or istio.io/rev=<tag>, " +
            "or istio-injection=disabled to keep it out",
        });
      }
    }

    const reported = new Set<string>();
    for (const object of objects.filter(holdsMeshWorkloads)) {
      const name = object.metadata.namespace;
      if (!name || config.exemptNamespaces.includes(name) || reported.has(name)) {
        continue;
      }
      reported.add(name);
      const namespace = namespaces.get(name);
      const injection = namespace ? labelsOf(namespace)[INJECTION] : undefined;
      if (!namespace) {
        findings.push({ object, message: `its namespace ${name} is not declared with it, so its injection label cannot be checked` });
      } else if (injection !== undefined && injection !== "enabled") {
        findings.push({
          object: namespace,
          message: `holds mesh objects but is labelled istio-injection=${injection}: its pods run without sidecars`,
        });
      }
    }
    return findings;
  },
};
