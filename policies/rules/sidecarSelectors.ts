import type { K8sObject } from "../vocabulary/k8sObject";
import { selectorMatches } from "../vocabulary/labelSelector";
import { podViews, type PodView } from "../vocabulary/pods";
import { dict, isNamespace, isSidecar, labelsOf, namespacedName, specOf } from "./lib/objects";
import type { Finding, StackRule } from "./rule";

type Labels = Record<string, string>;

/** A pod ztunnel redirects (ambient): it has no sidecar for a Sidecar to configure. */
const AMBIENT_REDIRECTION = "ambient.istio.io/redirection";

const selectorOf = (sidecar: K8sObject): Labels =>
  Object.fromEntries(
    Object.entries(dict(dict(specOf(sidecar).workloadSelector).labels)).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    ),
  );

/** A namespace in ambient mode: `istio.io/dataplane-mode=ambient` and no sidecar injection label (as istioctl reads it). */
function isAmbientNamespace(namespace: K8sObject): boolean {
  const labels = labelsOf(namespace);
  return labels["istio.io/dataplane-mode"] === "ambient" && labels["istio-injection"] !== "enabled" && !labels["istio.io/rev"];
}

const names = (sidecars: K8sObject[]) => sidecars.map((s) => s.metadata.name).join(", ");

/**
 * istioctl IST0110, IST0111, IST0167 and the IST0101 of its Sidecar analysis. A proxy takes one
 * Sidecar: the one selecting its pod, else its namespace's one without a selector. Two of either
 * kind for one proxy leave the choice to chance.
 */
export const sidecarSelectors: StackRule<Record<string, never>> = {
  scope: "stack",
  name: "sidecar-selectors",
  description:
    "Each proxy takes one Sidecar: two Sidecars selecting the same pods (istioctl IST0110), or several without a selector in one " +
    "namespace (IST0111), leave the choice to chance; a Sidecar whose selector picks no pod does nothing (IST0101), and one for ambient " +
    "pods or an ambient namespace has no sidecar to configure (IST0167). It judges pods (Pods and workload templates) among the " +
    "objects it sees: with none, it cannot tell what a selector picks and only compares the selectors themselves.",
  enforcementLevel: "mandatory",
  thresholds: {},
  check(objects) {
    const pods = podViews(objects);
    const ambientNamespaces = new Set(objects.filter((o) => isNamespace(o) && isAmbientNamespace(o)).map((o) => o.metadata.name));
    const findings: Finding[] = [];
    const report = (object: K8sObject, message: string) => findings.push({ object, message });

    const namespaceWide = new Map<string, K8sObject[]>();
    const selecting: { sidecar: K8sObject; selector: Labels; namespace: string }[] = [];
    for (const sidecar of objects.filter(isSidecar)) {
      const namespace = sidecar.metadata.namespace ?? "default";
      const selector = selectorOf(sidecar);
      if (Object.keys(selector).length === 0) {
        namespaceWide.set(namespace, [...(namespaceWide.get(namespace) ?? []), sidecar]);
      } else {
        selecting.push({ sidecar, selector, namespace });
      }
    }

    for (const [namespace, sidecars] of namespaceWide) {
      if (ambientNamespaces.has(namespace)) {
        sidecars.forEach((sidecar) =>
          report(sidecar, `is in ambient namespace ${namespace}, whose pods have no sidecar: it has no effect (IST0167)`),
        );
      } else if (sidecars.length > 1) {
        sidecars.forEach((sidecar) =>
          report(
            sidecar,
            `is one of several Sidecars without a workload selector in namespace ${namespace} (${names(sidecars)}): proxies take one of them at random (IST0111)`,
          ),
        );
      }
    }

    const selectedBy = new Map<PodView, K8sObject[]>();
    for (const { sidecar, selector, namespace } of selecting) {
      const matched = pods.filter((pod) => pod.namespace === namespace && selectorMatches({ matchLabels: selector }, pod.labels));
      matched.forEach((pod) => selectedBy.set(pod, [...(selectedBy.get(pod) ?? []), sidecar]));
      if (pods.length > 0 && matched.length === 0) {
        const text = Object.entries(selector)
          .map(([k, v]) => `${k}=${v}`)
          .join(",");
        report(sidecar, `workloadSelector ${text} selects no pod in namespace ${namespace} (IST0101)`);
      }
    }
    const reported = new Set<string>();
    const reportOnce = (sidecar: K8sObject, message: string) => {
      if (!reported.has(`${namespacedName(sidecar)}|${message}`)) {
        reported.add(`${namespacedName(sidecar)}|${message}`);
        report(sidecar, message);
      }
    };
    for (const [pod, sidecars] of selectedBy) {
      if (pod.annotations[AMBIENT_REDIRECTION] === "enabled") {
        sidecars.forEach((sidecar) => reportOnce(sidecar, "selects ambient pods, which have no sidecar: it has no effect (IST0167)"));
      } else if (sidecars.length > 1) {
        sidecars.forEach((sidecar) =>
          reportOnce(
            sidecar,
            `selects ${pod.object.kind} ${pod.namespace}/${pod.object.metadata.name} together with ${names(sidecars.filter((s) => s !== sidecar))}: its proxy takes one of them at random (IST0110)`,
          ),
        );
      }
    }
    // Without pods to tell, identical selectors in one namespace still pick the same pods.
    const bySelector = new Map<string, K8sObject[]>();
    for (const { sidecar, selector, namespace } of selecting) {
      const key = `${namespace}|${JSON.stringify(Object.entries(selector).sort())}`;
      bySelector.set(key, [...(bySelector.get(key) ?? []), sidecar]);
    }
    for (const sidecars of bySelector.values()) {
      if (
        sidecars.length > 1 &&
        !sidecars.some((sidecar) => findings.some((f) => f.object === sidecar && f.message.endsWith("(IST0110)")))
      ) {
        sidecars.forEach((sidecar) =>
          reportOnce(
            sidecar,
            `has the same workloadSelector as ${names(sidecars.filter((s) => s !== sidecar))}: their pods' proxies take one of them at random (IST0110)`,
          ),
        );
      }
    }
    return findings;
  },
};
