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

/** A namespace outside the mesh (the control plane's own, Flagger's). */
export function plainNamespace(name: string): K8sObject {
  return { apiVersion: API_VERSIONS.namespace, kind: "Namespace", metadata: { name } };
}
