/**
 * With the Prometheus Operator, nothing scrapes Istio unless monitors ask for it; without these,
 * Flagger's analysis finds no data and every canary fails. What they select was read off the
 * Istio 1.30 and 1.31 charts rendered with this stack's values:
 * - sidecars carry `security.istio.io/tlsMode` and expose Envoy's stats as `http-envoy-prom` (15090);
 * - the ingress gateway's pods expose the same port but carry no tlsMode label (the gateway
 *   injection template does not set it), so they need a monitor of their own;
 * - every istiod Service is labelled `app: istiod`, including each revision tag's
 *   `istiod-revision-tag-<tag>`, which selects the same pods as `istiod-<revision>`: a monitor on
 *   `app: istiod` alone would scrape each istiod once per tag as well.
 */
import type { IPodMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor";
import type { IServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { API_VERSIONS } from "./apiVersions";
import { INGRESS_GATEWAY_SELECTOR } from "./names";

/** Envoy's stats on the istio-proxy container, for sidecars and gateways alike. */
const ENVOY_STATS = { port: "http-envoy-prom", path: "/stats/prometheus", interval: "15s" } as const;

/** Every sidecar's Envoy stats, in any namespace. */
export function sidecarPodMonitor(namespace: string, labels: Record<string, string>): K8sObject {
  return {
    apiVersion: API_VERSIONS.podMonitor,
    kind: "PodMonitor",
    metadata: { name: "istio-sidecars", namespace, labels: { ...labels } },
    spec: {
      namespaceSelector: { any: true },
      selector: { matchExpressions: [{ key: "security.istio.io/tlsMode", operator: "Exists" }] },
      podMetricsEndpoints: [{ ...ENVOY_STATS }],
    } satisfies IPodMonitor["spec"],
  };
}

/** The ingress gateway's Envoy stats: its pods by the label its Gateways select, in its namespace. */
export function ingressGatewayPodMonitor(namespace: string, gatewayNamespace: string, labels: Record<string, string>): K8sObject {
  return {
    apiVersion: API_VERSIONS.podMonitor,
    kind: "PodMonitor",
    metadata: { name: "istio-ingressgateway", namespace, labels: { ...labels } },
    spec: {
      namespaceSelector: { matchNames: [gatewayNamespace] },
      selector: { matchLabels: { ...INGRESS_GATEWAY_SELECTOR } },
      podMetricsEndpoints: [{ ...ENVOY_STATS }],
    } satisfies IPodMonitor["spec"],
  };
}

/** istiod's own metrics on its `http-monitoring` port, through each revision's Service and never a tag's. */
export function istiodServiceMonitor(namespace: string, istioNamespace: string, labels: Record<string, string>): K8sObject {
  return {
    apiVersion: API_VERSIONS.serviceMonitor,
    kind: "ServiceMonitor",
    metadata: { name: "istiod", namespace, labels: { ...labels } },
    spec: {
      namespaceSelector: { matchNames: [istioNamespace] },
      selector: { matchLabels: { app: "istiod" }, matchExpressions: [{ key: "istio.io/tag", operator: "DoesNotExist" }] },
      endpoints: [{ port: "http-monitoring", interval: "15s" }],
    } satisfies IServiceMonitor["spec"],
  };
}
