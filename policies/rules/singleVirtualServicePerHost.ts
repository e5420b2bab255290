import { describeObject } from "../vocabulary/k8sObject";
import { qualifiedHost } from "./lib/hosts";
import { isVirtualService, list, specOf } from "./lib/objects";
import type { Finding, StackRule } from "./rule";

/** istioctl IST0109 at preview time, indexed by host. */
export const singleVirtualServicePerHost: StackRule<Record<string, never>> = {
  scope: "stack",
  name: "single-virtual-service-per-host",
  description:
    "Two VirtualServices for one host on the mesh gateway (istioctl IST0109) are merged in an unspecified order, so which routes " +
    "apply is undefined; keep one VirtualService per host.",
  enforcementLevel: "mandatory",
  thresholds: {},
  check(objects) {
    const firstByHost = new Map<string, string>();
    const findings: Finding[] = [];
    for (const service of objects.filter(isVirtualService)) {
      const gateways = list(specOf(service).gateways);
      if (gateways.length > 0 && !gateways.includes("mesh")) {
        continue; // bound to ingress gateways only
      }
      for (const host of list(specOf(service).hosts)) {
        const key = qualifiedHost(String(host), service.metadata.namespace);
        const first = firstByHost.get(key);
        if (first) {
          findings.push({ object: service, message: `routes host ${key} on the mesh gateway, as ${first} already does (IST0109)` });
        } else {
          firstByHost.set(key, describeObject(service));
        }
      }
    }
    return findings;
  },
};
