/**
 * Istio host names as Istio reads them: a name without a dot is a short name, a service in the
 * object's namespace (`reviews` → `reviews.shop.svc.cluster.local`); a name with a dot, or a
 * wildcard, is taken as written (`reviews.foo` is not `reviews.foo.svc.cluster.local`).
 */
export function qualifiedHost(host: string, namespace: string | undefined): string {
  if (host.startsWith("*") || host.includes(".")) {
    return host;
  }
  return `${host}.${namespace ?? "default"}.svc.cluster.local`;
}

/**
 * Whether two host names can name the same host, as Istio matches them: equal names, or a
 * wildcard (`*.example.com`) whose suffix the other name (or the other wildcard's suffix) ends with.
 */
export function hostsOverlap(a: string, b: string): boolean {
  const aWild = a.startsWith("*");
  const bWild = b.startsWith("*");
  if (aWild && bWild) {
    return a.length < b.length ? b.slice(1).endsWith(a.slice(1)) : a.slice(1).endsWith(b.slice(1));
  }
  if (aWild) {
    return b.endsWith(a.slice(1));
  }
  if (bWild) {
    return a.endsWith(b.slice(1));
  }
  return a === b;
}
