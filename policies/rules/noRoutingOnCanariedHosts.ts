import { flaggerOwnedNames } from "../vocabulary/flaggerNames";
import { describeObject } from "../vocabulary/k8sObject";
import { qualifiedHost } from "./lib/hosts";
import { dict, isCanary, isDestinationRule, isVirtualService, list, specOf } from "./lib/objects";
import type { Finding, StackRule } from "./rule";

/**
 * Flagger generates and overwrites the VirtualService `<name>` and DestinationRules
 * `<name>-primary`/`<name>-canary` of every Canary; a hand-written object for those hosts or
 * names fights it, and one of the two silently loses.
 */
export const noRoutingOnCanariedHosts: StackRule<Record<string, never>> = {
  scope: "stack",
  name: "no-routing-on-canaried-hosts",
  description:
    "Flagger owns the routing of every service it canaries; a VirtualService or DestinationRule for such a host, or with the name " +
    "Flagger uses, conflicts with the objects Flagger generates. Express routing in the Canary instead.",
  enforcementLevel: "mandatory",
  thresholds: {},
  check(objects) {
    const ownerByHost = new Map<string, string>();
    const ownerByObjectName = new Map<string, string>();
    for (const canary of objects.filter(isCanary)) {
      const namespace = canary.metadata.namespace;
      const named = [dict(specOf(canary).service).name, dict(specOf(canary).targetRef).name].find(
        (n): n is string => typeof n === "string",
      );
      const serviceName = named ?? canary.metadata.name;
      const owned = flaggerOwnedNames(serviceName);
      const owner = describeObject(canary);
      owned.services.forEach((name) => ownerByHost.set(qualifiedHost(name, namespace), owner));
      owned.virtualServices.forEach((name) => ownerByObjectName.set(`VirtualService/${namespace}/${name}`, owner));
      owned.destinationRules.forEach((name) => ownerByObjectName.set(`DestinationRule/${namespace}/${name}`, owner));
    }
    const findings: Finding[] = [];
    for (const object of objects.filter((o) => isVirtualService(o) || isDestinationRule(o))) {
      const spec = specOf(object);
      const hosts = isVirtualService(object) ? list(spec.hosts) : [spec.host];
      const hostOwner = hosts.map((h) => ownerByHost.get(qualifiedHost(String(h), object.metadata.namespace))).find(Boolean);
      const nameOwner = ownerByObjectName.get(`${object.kind}/${object.metadata.namespace}/${object.metadata.name}`);
      const owner = hostOwner ?? nameOwner;
      if (owner) {
        findings.push({ object, message: `conflicts with ${owner}: Flagger generates and owns this service's ${object.kind}` });
      }
    }
    return findings;
  },
};
