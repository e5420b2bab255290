/** Small hand-written Kubernetes objects for rule specs: only the fields a rule reads. */
import type { K8sObject } from "../../policies/vocabulary/k8sObject";

export function object(apiVersion: string, kind: string, namespacedName: string, body: Record<string, unknown> = {}): K8sObject {
  const [namespace, name] = namespacedName.includes("/") ? namespacedName.split("/") : [undefined, namespacedName];
  const { labels, annotations, ...rest } = body as { labels?: Record<string, string>; annotations?: Record<string, string> };
  return {
    apiVersion,
    kind,
    metadata: { name, ...(namespace ? { namespace } : {}), ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) },
    ...rest,
  };
}

export const gateway = (name: string, spec: Record<string, unknown>) => object("networking.istio.io/v1", "Gateway", name, { spec });
export const pod = (name: string, labels: Record<string, string>, extra: Record<string, unknown> = {}) =>
  object("v1", "Pod", name, { labels, spec: { containers: [{ name: "app" }] }, ...extra });
export const service = (name: string, spec: Record<string, unknown>) => object("v1", "Service", name, { spec });
export const namespace = (name: string, labels: Record<string, string> = {}) => object("v1", "Namespace", name, { labels });
export const server = (number: number, hosts: string[], extra: Record<string, unknown> = {}) => ({
  port: { number, name: `p${number}`, protocol: "HTTP" },
  hosts,
  ...extra,
});
