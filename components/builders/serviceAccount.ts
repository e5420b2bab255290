/**
 * Workload identities. Every service namespace allows nothing by default and lets callers in by
 * the ServiceAccount they run as (`cluster.local/ns/<ns>/sa/<name>`), so the stack declares each
 * service's ServiceAccount beside the policies that name it, unless the service's team brings
 * its own (`createServiceAccount: false`); then the stack only names it.
 */
import { serviceAccountOf, type ServiceConfig } from "../../infra/config/schema";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { API_VERSIONS } from "./apiVersions";
import { STACK_OBJECT_LABELS } from "./names";

export function serviceAccount(name: string, namespace: string): K8sObject {
  return {
    apiVersion: API_VERSIONS.serviceAccount,
    kind: "ServiceAccount",
    metadata: { name, namespace, labels: { ...STACK_OBJECT_LABELS } },
  };
}

/** The ServiceAccounts the stack creates in a namespace: each service's that its team does not bring, once each, in service order. */
export function stackServiceAccountNames(namespace: string, services: readonly ServiceConfig[]): string[] {
  const names = services.filter((service) => service.namespace === namespace && service.createServiceAccount).map(serviceAccountOf);
  return [...new Set(names)];
}
