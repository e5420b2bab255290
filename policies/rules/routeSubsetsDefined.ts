import type { K8sObject } from "../vocabulary/k8sObject";
import { qualifiedHost } from "./lib/hosts";
import { dict, isDestinationRule, isVirtualService, list, specOf } from "./lib/objects";
import type { Finding, StackRule } from "./rule";

/** istioctl IST0101 at preview time: one pass to index subsets by host, one pass over routes. */
export const routeSubsetsDefined: StackRule<Record<string, never>> = {
  scope: "stack",
  name: "route-subsets-defined",
  description:
    "A VirtualService route to a subset that no DestinationRule defines for that host (istioctl IST0101) fails every request " +
    "it matches with a 503.",
  enforcementLevel: "mandatory",
  thresholds: {},
  check(objects) {
    const subsetsByHost = new Map<string, Set<string>>();
    for (const rule of objects.filter(isDestinationRule)) {
      const host = qualifiedHost(String(specOf(rule).host), rule.metadata.namespace);
      const subsets = subsetsByHost.get(host) ?? new Set<string>();
      list(specOf(rule).subsets).forEach((s) => subsets.add(String(dict(s).name)));
      subsetsByHost.set(host, subsets);
    }
    const findings: Finding[] = [];
    for (const service of objects.filter(isVirtualService)) {
      for (const { where, destination } of destinationsOf(service)) {
        const subset = destination.subset;
        if (typeof subset !== "string") {
          continue;
        }
        const host = qualifiedHost(String(destination.host), service.metadata.namespace);
        if (!subsetsByHost.get(host)?.has(subset)) {
          findings.push({
            object: service,
            message: `${where} sends to subset ${subset} of ${host}, which no DestinationRule defines (IST0101)`,
          });
        }
      }
    }
    return findings;
  },
};

/** Every destination a VirtualService sends requests to, with where it is: routes', and HTTP mirrors. */
function destinationsOf(service: K8sObject): { where: string; destination: Record<string, unknown> }[] {
  const spec = specOf(service);
  const routed = ["http", "tcp", "tls"].flatMap((protocol) =>
    list(spec[protocol]).flatMap((route, i) =>
      list(dict(route).route).map((r, j) => ({ where: `${protocol}[${i}].route[${j}]`, destination: dict(dict(r).destination) })),
    ),
  );
  const mirrored = list(spec.http).flatMap((route, i) => [
    ...(dict(route).mirror !== undefined ? [{ where: `http[${i}].mirror`, destination: dict(dict(route).mirror) }] : []),
    ...list(dict(route).mirrors).map((m, j) => ({ where: `http[${i}].mirrors[${j}]`, destination: dict(dict(m).destination) })),
  ]);
  return [...routed, ...mirrored];
}
