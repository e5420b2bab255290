import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { API_VERSIONS } from "./apiVersions";
import { injectionLabels } from "./names";

/** A namespace whose pods get an Istio sidecar: the injection label for the tag or revision it selects. */
export function meshNamespace(name: string, revision: string | undefined, extraLabels: Record<string, string> = {}): K8sObject {
  return {
    apiVersion: API_VERSIONS.namespace,
    kind: "Namespace",
    metadata: { name, labels: { ...extraLabels, ...injectionLabels(revision) } },
  };
}

/**
 * Istio's own namespace, without an injection label: istiod is never injected, and a gateway
 * placed here is injected through its pod labels, which Istio's webhooks honour only in a
 * namespace that carries no injection label at all.
 */
export function controlPlaneNamespace(name: string): K8sObject {
  return { apiVersion: API_VERSIONS.namespace, kind: "Namespace", metadata: { name } };
}

/**
 * A namespace kept out of the mesh on purpose, and saying so (`istio-injection=disabled`, which
 * istioctl reads as a deliberate choice): Flagger's controller runs outside the mesh and calls
 * the load tester in plain text.
 */
export function outOfMeshNamespace(name: string): K8sObject {
  return { apiVersion: API_VERSIONS.namespace, kind: "Namespace", metadata: { name, labels: { "istio-injection": "disabled" } } };
}
