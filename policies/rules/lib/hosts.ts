/** Istio host names resolved the way Istio resolves short names: relative to the object's namespace. */
export function qualifiedHost(host: string, namespace: string | undefined): string {
  if (host.includes("*") || host.endsWith(".svc.cluster.local")) {
    return host;
  }
  const parts = host.split(".");
  if (parts.length === 1) {
    return `${host}.${namespace ?? "default"}.svc.cluster.local`;
  }
  if (parts.length === 2) {
    return `${host}.svc.cluster.local`;
  }
  return host; // an external name such as api.example.com
}
