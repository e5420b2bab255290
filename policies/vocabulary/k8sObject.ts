/**
 * The plain shape of a Kubernetes object: what the program's builders return, what `kubectl apply`
 * would receive, and what the pack's rules judge.
 */
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

/** `Kind namespace/name`, the way reviewers and error messages name an object. */
export function describeObject(object: K8sObject): string {
  const ns = object.metadata.namespace ? `${object.metadata.namespace}/` : "";
  return `${object.kind} ${ns}${object.metadata.name}`;
}
