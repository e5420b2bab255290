/** Names that several builders, components and rules must agree on. */

/** Helm release name of Flagger; the chart labels its pods `app.kubernetes.io/instance` with it. */
export const FLAGGER_RELEASE = "flagger";
/** Helm release name of the load tester; the chart names its Service and ServiceAccount after it. */
export const LOADTESTER_RELEASE = "flagger-loadtester";
/** The port the load tester's pods listen on for Flagger's webhook calls (its Service maps 80 to it). */
export const LOADTESTER_PORT = 8080;

export { INGRESS_GATEWAY_RELEASE, INGRESS_GATEWAY_SELECTOR } from "../../policies/vocabulary/ingressGateway";

/** The mesh's trust domain: Istio's default, which the platform does not change. */
export const TRUST_DOMAIN = "cluster.local";

/** The SPIFFE identity Istio gives a workload, which authorization policies name. */
export function principal(namespace: string, serviceAccount: string): string {
  return `${TRUST_DOMAIN}/ns/${namespace}/sa/${serviceAccount}`;
}
export { LOADTESTER_SELECTOR } from "../../policies/vocabulary/loadtester";

export function loadtesterUrl(loadtesterNamespace: string): string {
  return `http://${LOADTESTER_RELEASE}.${loadtesterNamespace}/`;
}

/** Fully qualified in-cluster host of a Service. */
export function serviceHost(name: string, namespace: string): string {
  return `${name}.${namespace}.svc.cluster.local`;
}

/**
 * The namespace label that turns on sidecar injection: `istio.io/rev=<tag or revision>` once
 * revisions are in use, else `istio-injection=enabled`; never both (IST0123).
 */
export function injectionLabels(selector: string | undefined): Record<string, string> {
  return selector ? { "istio.io/rev": selector } : { "istio-injection": "enabled" };
}

/**
 * Labels on the objects the stack creates of kinds that application teams also write
 * (ServiceAccounts, HorizontalPodAutoscalers), so that `check --workloads` on a `kubectl get`
 * dump of a cluster tells the stack's own from the teams'.
 */
export const STACK_OBJECT_LABELS = { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "mesh-platform" } as const;
