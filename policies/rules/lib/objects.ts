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
