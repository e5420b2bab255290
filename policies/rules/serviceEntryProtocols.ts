import type { K8sObject } from "../vocabulary/k8sObject";
import { dict, isServiceEntry, list, namespacedName, specOf } from "./lib/objects";
import type { Finding, StackRule } from "./rule";

/** The namespaces a ServiceEntry is visible in: `*` for every one (no exportTo, or one with `*`). */
function scopesOf(entry: K8sObject): string[] {
  const exportTo = list(specOf(entry).exportTo).map(String);
  if (exportTo.length === 0 || exportTo.includes("*")) {
    return ["*"];
  }
  const namespace = entry.metadata.namespace ?? "default";
  return [...new Set(exportTo.map((scope) => (scope === "." ? namespace : scope)))];
}

/**
 * istioctl IST0177: ServiceEntries visible in one namespace (their exportTo scopes meet, `*`
 * meeting every one) that declare one host and port with different protocols. A proxy builds one
 * listener per port: one of the protocols wins and the other's traffic breaks.
 */
export const serviceEntryProtocols: StackRule<Record<string, never>> = {
  scope: "stack",
  name: "service-entry-protocols",
  description:
    "ServiceEntries visible together must not declare one host and port with different protocols (istioctl IST0177): the proxy builds " +
    "one listener for the port and the traffic of the other protocol breaks. Hosts are compared as written, exportTo scopes as Istio reads them.",
  enforcementLevel: "mandatory",
  thresholds: {},
  check(objects) {
    /** `scope|host|port` → the entries declaring it, with their protocol. */
    const index = new Map<string, { entry: K8sObject; protocol: string }[]>();
    for (const entry of objects.filter(isServiceEntry)) {
      const spec = specOf(entry);
      for (const scope of scopesOf(entry)) {
        for (const host of list(spec.hosts).map(String)) {
          for (const port of list(spec.ports).map(dict)) {
            const key = `${scope}|${host}|${String(port.number)}`;
            const protocol = typeof port.protocol === "string" ? port.protocol.toUpperCase() : "";
            index.set(key, [...(index.get(key) ?? []), { entry, protocol }]);
          }
        }
      }
    }
    const findings: Finding[] = [];
    const reported = new Set<K8sObject>();
    for (const [key, declared] of index) {
      const [scope, host, port] = key.split("|");
      const together = scope === "*" ? declared : [...declared, ...(index.get(`*|${host}|${port}`) ?? [])];
      const protocols = [...new Set(together.map((d) => d.protocol))].sort();
      if (protocols.length < 2) {
        continue;
      }
      const names = [...new Set(together.map((d) => namespacedName(d.entry)))].sort().join(", ");
      for (const { entry } of together.filter((d) => !reported.has(d.entry))) {
        reported.add(entry);
        findings.push({
          object: entry,
          message: `declares ${host} port ${port}, which ${names} declare with the protocols ${protocols.map((p) => p || "(none)").join(", ")}: proxies keep one and break the other (IST0177)`,
        });
      }
    }
    return findings;
  },
};
