/** The plain shape every spec builder returns: what `kubectl apply` would receive. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** API versions the builders emit: the storage versions served by Istio 1.30 and Flagger 1.44. */
export const API_VERSIONS = {
  namespace: "v1",
  secret: "v1",
  peerAuthentication: "security.istio.io/v1",
  virtualService: "networking.istio.io/v1",
  destinationRule: "networking.istio.io/v1",
  canary: "flagger.app/v1beta1",
  metricTemplate: "flagger.app/v1beta1",
  alertProvider: "flagger.app/v1beta1",
  podMonitor: "monitoring.coreos.com/v1",
  serviceMonitor: "monitoring.coreos.com/v1",
} as const;

/** `Kind namespace/name`, the way reviewers and error messages name an object. */
export function describeObject(object: K8sObject): string {
  const ns = object.metadata.namespace ? `${object.metadata.namespace}/` : "";
  return `${object.kind} ${ns}${object.metadata.name}`;
}
