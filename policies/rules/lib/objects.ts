/** Small, defensive readers for objects that may come from any YAML. */
import type { K8sObject } from "../../vocabulary/k8sObject";

export type Dict = Record<string, unknown>;

export function isDict(value: unknown): value is Dict {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function dict(value: unknown): Dict {
  return isDict(value) ? value : {};
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function specOf(object: K8sObject): Dict {
  return dict(object.spec);
}

function isKind(object: K8sObject, group: string, kind: string): boolean {
  return object.kind === kind && object.apiVersion.startsWith(`${group}/`);
}

export const isCanary = (o: K8sObject) => isKind(o, "flagger.app", "Canary");
export const isVirtualService = (o: K8sObject) => isKind(o, "networking.istio.io", "VirtualService");
export const isDestinationRule = (o: K8sObject) => isKind(o, "networking.istio.io", "DestinationRule");
export const isPeerAuthentication = (o: K8sObject) => isKind(o, "security.istio.io", "PeerAuthentication");
export const isNamespace = (o: K8sObject) => o.apiVersion === "v1" && o.kind === "Namespace";
export const isAuthorizationPolicy = (o: K8sObject) => isKind(o, "security.istio.io", "AuthorizationPolicy");
export const isGateway = (o: K8sObject) => isKind(o, "networking.istio.io", "Gateway");
export const isServiceEntry = (o: K8sObject) => isKind(o, "networking.istio.io", "ServiceEntry");
export const isSidecar = (o: K8sObject) => isKind(o, "networking.istio.io", "Sidecar");
export const isEnvoyFilter = (o: K8sObject) => isKind(o, "networking.istio.io", "EnvoyFilter");
export const isRequestAuthentication = (o: K8sObject) => isKind(o, "security.istio.io", "RequestAuthentication");
/** A Kubernetes Gateway API Gateway, which Istio implements and a VirtualService may bind to by name. */
export const isKubernetesGateway = (o: K8sObject) => isKind(o, "gateway.networking.k8s.io", "Gateway");
export const isService = (o: K8sObject) => o.apiVersion === "v1" && o.kind === "Service";

/** `namespace/name`, a missing namespace read as `default`, as istioctl keys objects. */
export const namespacedName = (o: K8sObject) => `${o.metadata.namespace ?? "default"}/${o.metadata.name}`;

/** A namespace's labels, as strings (what the API server stores); anything else is not a label value. */
export function labelsOf(object: K8sObject): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(dict(object.metadata.labels)).filter(([, v]) => typeof v === "string")) as Record<
    string,
    string
  >;
}

/** Whether a namespace's labels put its pods in the mesh (a sidecar injected), as Istio reads them. */
export function isInjectedNamespace(namespace: K8sObject): boolean {
  const labels = labelsOf(namespace);
  const injection = labels["istio-injection"];
  return injection === "enabled" || (injection === undefined && labels["istio.io/rev"] !== undefined);
}

/** Whether two label maps are the same selector. */
export function sameLabels(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
