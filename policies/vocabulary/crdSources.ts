/**
 * Which installation ships the CRD of an API group. Custom resources must depend on it, or the
 * first `pulumi up` fails with "no matches for kind" before the CRD exists.
 */
export type CrdSource = "istio-base" | "flagger" | "kiali-operator" | "prometheus-operator";

const SOURCE_BY_GROUP: Record<string, CrdSource> = {
  "networking.istio.io": "istio-base",
  "security.istio.io": "istio-base",
  "telemetry.istio.io": "istio-base",
  "extensions.istio.io": "istio-base",
  "flagger.app": "flagger",
  "kiali.io": "kiali-operator",
  // Installed with the cluster's Prometheus Operator, outside this program.
  "monitoring.coreos.com": "prometheus-operator",
};

/** The CRD source for an apiVersion, or undefined for built-in Kubernetes APIs. */
export function crdSourceOf(apiVersion: string): CrdSource | undefined {
  const slash = apiVersion.indexOf("/");
  if (slash < 0) {
    return undefined; // core group ("v1")
  }
  return SOURCE_BY_GROUP[apiVersion.slice(0, slash)];
}
