/**
 * With the Prometheus Operator, nothing scrapes Istio unless monitors ask for it; without these
 * two, Flagger's analysis finds no data and every canary fails.
 */
import type { IPodMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor";
import type { IServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { API_VERSIONS } from "./apiVersions";

/** Every sidecar's Envoy stats, on the istio-proxy container's `http-envoy-prom` port (15090). */
export function sidecarPodMonitor(namespace: string, labels: Record<string, string>): K8sObject {
  return {
    apiVersion: API_VERSIONS.podMonitor,
    kind: "PodMonitor",
    metadata: { name: "istio-sidecars", namespace, labels: { ...labels } },
    spec: {
      namespaceSelector: { any: true },
      selector: { matchExpressions: [{ key: "security.istio.io/tlsMode", operator: "Exists" }] },
      podMetricsEndpoints: [{ port: "http-envoy-prom", path: "/stats/prometheus", interval: "15s" }],
    } satisfies IPodMonitor["spec"],
  };
}

/** istiod's own metrics on its `http-monitoring` port. */
export function istiodServiceMonitor(namespace: string, istioNamespace: string, labels: Record<string, string>): K8sObject {
  return {
    apiVersion: API_VERSIONS.serviceMonitor,
    kind: "ServiceMonitor",
    metadata: { name: "istiod", namespace, labels: { ...labels } },
    spec: {
      namespaceSelector: { matchNames: [istioNamespace] },
      selector: { matchLabels: { app: "istiod" } },
      endpoints: [{ port: "http-monitoring", interval: "15s" }],
    } satisfies IServiceMonitor["spec"],
  };
}
