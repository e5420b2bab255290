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
      for (const destination of destinationsOf(service)) {
        const subset = destination.subset;
        if (typeof subset !== "string") {
          continue;
        }
        const host = qualifiedHost(String(destination.host), service.metadata.namespace);
        if (!subsetsByHost.get(host)?.has(subset)) {
          findings.push({ object: service, message: `routes to subset ${subset} of ${host}, which no DestinationRule defines (IST0101)` });
        }
      }
    }
    return findings;
  },
};

function destinationsOf(service: K8sObject): Record<string, unknown>[] {
  const spec = specOf(service);
  return ["http", "tcp", "tls"].flatMap((protocol) =>
    list(spec[protocol]).flatMap((route) => list(dict(route).route).map((r) => dict(dict(r).destination))),
  );
}
