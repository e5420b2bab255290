import { describeObject, type K8sObject } from "../vocabulary/k8sObject";
import { qualifiedHost } from "./lib/hosts";
import { isVirtualService, list, specOf } from "./lib/objects";
import type { Finding, StackRule } from "./rule";

/** Where a VirtualService's hosts are visible: everywhere (`*`), or in the namespaces `exportTo` names. */
function visibility(service: K8sObject): string[] {
  const exportTo = list(specOf(service).exportTo).map(String);
  if (exportTo.length === 0 || exportTo.includes("*")) {
    return ["*"];
  }
  return [...new Set(exportTo.map((to) => (to === "." ? (service.metadata.namespace ?? "default") : to)))];
}

const onMeshGateway = (service: K8sObject) => {
  const gateways = list(specOf(service).gateways);
  return gateways.length === 0 || gateways.includes("mesh");
};

/**
 * What a wildcard that covers `host` must end with: `a.b.c` → [".b.c", ".c", ""] (for `*.b.c`,
 * `*.c`, `*`); `*.b.c` → [".c", ""]. A wildcard never covers the bare name of its own suffix.
 */
function properSuffixes(host: string): string[] {
  const name = host.startsWith("*.") ? host.slice(2) : host === "*" ? "" : host;
  const suffixes: string[] = [];
  for (let dot = name.indexOf("."); dot >= 0; dot = name.indexOf(".", dot + 1)) {
    suffixes.push(name.slice(dot));
  }
  return host === "*" ? [] : [...suffixes, ""];
}

/**
 * The VirtualServices visible everywhere, indexed so that finding those whose host overlaps a
 * given host costs a few map look-ups, not a comparison with every other VirtualService.
 */
class GlobalHostIndex {
  private readonly byHost = new Map<string, K8sObject[]>();
  /** By each suffix a covering wildcard may have: what a wildcard looking for the names it covers reads. */
  private readonly bySuffix = new Map<string, K8sObject[]>();

  add(host: string, service: K8sObject): void {
    push(this.byHost, host, service);
    for (const suffix of properSuffixes(host)) {
      push(this.bySuffix, suffix, service);
    }
    if (host.startsWith("*.")) {
      push(this.bySuffix, host.slice(1), service); // a longer wildcard is covered by a shorter one
    }
  }

  /** Every globally visible VirtualService whose host overlaps `host`: equal, covering it, or covered by it. */
  overlapping(host: string): K8sObject[] {
    const found = [...(this.byHost.get(host) ?? [])];
    for (const suffix of properSuffixes(host)) {
      found.push(...(this.byHost.get(`*${suffix}`) ?? []));
    }
    if (host.startsWith("*")) {
      found.push(...(this.bySuffix.get(host.slice(1)) ?? []));
    }
    return [...new Set(found)];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const values = map.get(key);
  if (values) {
    values.push(value);
  } else {
    map.set(key, [value]);
  }
}

/**
 * istioctl IST0109 at preview time. VirtualServices on the mesh gateway that claim one host, where
 * both are visible, are merged in an unspecified order. Visibility follows `exportTo`: a host
 * exported to a namespace also meets every VirtualService exported everywhere whose host overlaps
 * it (wildcards included). Every VirtualService of a conflict is reported, since none is "the" bad one.
 */
export const singleVirtualServicePerHost: StackRule<Record<string, never>> = {
  scope: "stack",
  name: "single-virtual-service-per-host",
  description:
    "Two VirtualServices for one host on the mesh gateway, visible in the same namespace (istioctl IST0109), are merged in an " +
    "unspecified order, so which routes apply is undefined; keep one VirtualService per host.",
  enforcementLevel: "mandatory",
  thresholds: {},
  check(objects) {
    const groups = new Map<string, { scope: string; host: string; services: K8sObject[] }>();
    const global = new GlobalHostIndex();
    for (const service of objects.filter(isVirtualService).filter(onMeshGateway)) {
      for (const scope of visibility(service)) {
        for (const host of new Set(list(specOf(service).hosts).map((h) => qualifiedHost(String(h), service.metadata.namespace)))) {
          const key = `${scope}/${host}`;
          const group = groups.get(key) ?? { scope, host, services: [] };
          group.services.push(service);
          groups.set(key, group);
          if (scope === "*") {
            global.add(host, service);
          }
        }
      }
    }
    const findings: Finding[] = [];
    const reported = new Set<K8sObject>();
    for (const group of groups.values()) {
      const services = group.scope === "*" ? group.services : [...new Set([...group.services, ...global.overlapping(group.host)])];
      if (services.length < 2) {
        continue;
      }
      const names = services.map(describeObject).sort().join(", ");
      for (const service of services.filter((s) => !reported.has(s))) {
        reported.add(service);
        findings.push({ object: service, message: `routes host ${group.host} on the mesh gateway together with ${names} (IST0109)` });
      }
    }
    return findings;
  },
};
