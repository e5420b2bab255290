import type { K8sObject } from "../vocabulary/k8sObject";
import { hostsOverlap } from "./lib/hosts";
import { dict, isCanary, isGateway, isVirtualService, list, specOf } from "./lib/objects";
import type { Finding, StackRule } from "./rule";

const MESH = "mesh";

/** `name` (in the referring object's namespace) or `namespace/name`, as istioctl resolves a gateway reference. */
function gatewayKey(ref: string, namespace: string | undefined): string {
  return ref.includes("/") ? ref : `${namespace ?? "default"}/${ref}`;
}

/**
 * The hosts a Gateway serves to routes in `routeNamespace`: a server host `ns/host` counts when
 * `ns` is `*` or that namespace (`.` meaning the Gateway's own); a bare host counts everywhere.
 */
function servedHosts(gateway: K8sObject, routeNamespace: string | undefined): string[] {
  return list(specOf(gateway).servers).flatMap((server) =>
    list(dict(server).hosts).flatMap((entry) => {
      const text = String(entry);
      const slash = text.indexOf("/");
      if (slash < 0) {
        return [text];
      }
      const scope = text.slice(0, slash);
      const namespace = scope === "." ? gateway.metadata.namespace : scope;
      return namespace === "*" || namespace === (routeNamespace ?? "default") ? [text.slice(slash + 1)] : [];
    }),
  );
}

/** What binds to gateways: a VirtualService's `gateways`/`hosts`, or a Canary's `service.gateways`/`service.hosts`. */
function bindings(object: K8sObject): { at: string; gateways: unknown[]; hosts: string[] } | undefined {
  if (isVirtualService(object)) {
    const spec = specOf(object);
    return { at: "gateways", gateways: list(spec.gateways), hosts: list(spec.hosts).map(String) };
  }
  if (isCanary(object)) {
    const service = dict(specOf(object).service);
    return { at: "service.gateways", gateways: list(service.gateways), hosts: list(service.hosts).map(String) };
  }
  return undefined;
}

export const gatewayBindings: StackRule<Record<string, never>> = {
  scope: "stack",
  name: "gateway-bindings",
  description:
    "A VirtualService (or a Canary exposing a service) bound to a Gateway needs that Gateway to exist (istioctl IST0101) and to " +
    "serve at least one of its hosts (IST0132); otherwise the routes never apply and the public hosts answer 404.",
  enforcementLevel: "mandatory",
  thresholds: {},
  check(objects) {
    const gateways = new Map(objects.filter(isGateway).map((g) => [`${g.metadata.namespace ?? "default"}/${g.metadata.name}`, g]));
    const findings: Finding[] = [];
    for (const object of objects) {
      const bound = bindings(object);
      if (!bound) {
        continue;
      }
      bound.gateways.forEach((ref, i) => {
        if (typeof ref !== "string" || ref === MESH) {
          return;
        }
        const key = gatewayKey(ref, object.metadata.namespace);
        const gateway = gateways.get(key);
        if (!gateway) {
          findings.push({ object, message: `${bound.at}[${i}] names Gateway ${key}, which does not exist (IST0101)` });
          return;
        }
        const served = servedHosts(gateway, object.metadata.namespace);
        if (!bound.hosts.some((host) => served.some((gatewayHost) => hostsOverlap(gatewayHost, host)))) {
          const hosts = bound.hosts.length > 0 ? bound.hosts.join(", ") : "none";
          findings.push({ object, message: `${bound.at}[${i}]: Gateway ${key} serves none of its hosts (${hosts}) (IST0132)` });
        }
      });
    }
    return findings;
  },
};
