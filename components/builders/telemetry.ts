/**
 * Access logs and traces through Istio's Telemetry API: one Telemetry in the root namespace
 * (the control plane's) applies to every proxy. It replaces `meshConfig.accessLogFile`, which
 * Istio keeps only for compatibility.
 * https://istio.io/latest/docs/tasks/observability/logs/access-log/#using-telemetry-api
 */
import type { IstioConfig } from "../../infra/config/schema";
import { splitHostPort } from "../../infra/config/kubernetesValues";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { API_VERSIONS } from "./apiVersions";

/**
 * Istio's built-in access-log provider: Envoy's log to the proxy's stdout. istiod keeps its
 * built-in providers when the mesh config declares more (ApplyMeshConfig in
 * https://github.com/istio/istio/blob/master/pkg/config/mesh/mesh.go merges them by name).
 */
const ACCESS_LOG_PROVIDER = "envoy";
/** The name the mesh gives the OpenTelemetry collector, in `meshConfig.extensionProviders`. */
const TRACING_PROVIDER = "otel-tracing";
/** Mesh-wide Telemetry lives in the root namespace under this name. */
const MESH_TELEMETRY_NAME = "mesh-default";

/** The extension provider istiod's mesh config declares for the collector. */
export function tracingProvider(collector: string): Record<string, unknown> {
  const { host, port } = splitHostPort(collector);
  return { name: TRACING_PROVIDER, opentelemetry: { service: host, port } };
}

/** The mesh-wide Telemetry, or undefined when neither access logs nor tracing are on. */
export function meshTelemetry(istio: IstioConfig): K8sObject | undefined {
  if (!istio.accessLogs && !istio.tracing) {
    return undefined;
  }
  return {
    apiVersion: API_VERSIONS.telemetry,
    kind: "Telemetry",
    metadata: { name: MESH_TELEMETRY_NAME, namespace: istio.namespace },
    spec: {
      ...(istio.accessLogs ? { accessLogging: [{ providers: [{ name: ACCESS_LOG_PROVIDER }] }] } : {}),
      ...(istio.tracing
        ? { tracing: [{ providers: [{ name: TRACING_PROVIDER }], randomSamplingPercentage: istio.tracing.samplingPercent }] }
        : {}),
    },
  };
}
