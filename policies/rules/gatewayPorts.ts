import { INSTALLED_GATEWAYS_THRESHOLD } from "./lib/installedGateways";
import type { GatewayWorkload } from "../vocabulary/ingressGateway";
import { selectorMatches } from "../vocabulary/labelSelector";
import { podViews } from "../vocabulary/pods";
import { dict, isGateway, isService, list, specOf } from "./lib/objects";
import type { Finding, StackRule } from "./rule";

export interface GatewayPortsConfig {
  /** Gateway workloads installed outside the objects judged, such as the platform's ingress gateway. */
  installedGateways: GatewayWorkload[];
}

/** The ports a Service offers its pods, as the gateway listens on them: each target port, and each port mapped to one. */
function servicePorts(service: Record<string, unknown>): number[] {
  return list(dict(service.spec).ports).flatMap((entry) => {
    const port = dict(entry);
    const protocol = typeof port.protocol === "string" ? port.protocol : "TCP";
    if (protocol !== "TCP" || typeof port.port !== "number") {
      return [];
    }
    return typeof port.targetPort === "number" && port.targetPort !== 0 ? [port.targetPort, port.port] : [port.port];
  });
}

const selectorText = (selector: Record<string, string>) =>
  Object.entries(selector)
    .map(([key, value]) => `${key}=${value}`)
    .join(",") || "(every workload)";

/**
 * istioctl IST0162 and the IST0101 of its gateway-port analysis: a Gateway's servers listen on the
 * workloads its selector picks, and each server's port must be one that a Service of those
 * workloads exposes; a selector that picks no workload serves nothing.
 */
export const gatewayPorts: StackRule<GatewayPortsConfig> = {
  scope: "stack",
  name: "gateway-ports",
  description:
    "A Gateway serves only on the workloads its selector picks, and only on ports a Service of those workloads exposes (istioctl " +
    "IST0162); a selector that picks no gateway workload serves nothing (IST0101). It knows the gateway pods and Services among the " +
    "objects it sees and the gateways installed outside them (the platform's ingress gateway by default); any other gateway counts as missing.",
  enforcementLevel: "mandatory",
  thresholds: {
    installedGateways: INSTALLED_GATEWAYS_THRESHOLD,
  },
  check(objects, config) {
    const pods = podViews(objects);
    const services = objects.filter(isService);
    const findings: Finding[] = [];
    for (const gateway of objects.filter(isGateway)) {
      const selector = Object.fromEntries(
        Object.entries(dict(specOf(gateway).selector)).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
      );
      const selects = (labels: Record<string, string>) => selectorMatches({ matchLabels: selector }, labels);
      const ports = new Set<number>();
      let workloads = 0;
      for (const pod of pods.filter((p) => selects(p.labels))) {
        workloads++;
        services
          .filter((service) => (service.metadata.namespace ?? "default") === pod.namespace)
          .filter((service) => {
            const serviceSelector = dict(specOf(service).selector) as Record<string, string>;
            return Object.keys(serviceSelector).length > 0 && selectorMatches({ matchLabels: serviceSelector }, pod.labels);
          })
          .forEach((service) => servicePorts(service).forEach((port) => ports.add(port)));
      }
      for (const installed of config.installedGateways.filter((g) => selects(g.labels))) {
        workloads++;
        installed.ports.forEach((port) => ports.add(port));
      }
      if (workloads === 0) {
        findings.push({
          object: gateway,
          message: `selects no gateway workload: no pod among the objects and no installed gateway carries ${selectorText(selector)} (IST0101)`,
        });
        continue;
      }
      list(specOf(gateway).servers).forEach((entry, i) => {
        const number = dict(dict(entry).port).number;
        if (typeof number === "number" && !ports.has(number)) {
          const offered = [...ports].sort((a, b) => a - b).join(", ") || "none";
          findings.push({
            object: gateway,
            message: `servers[${i}] listens on port ${number}, which no Service of its gateway workload (${selectorText(selector)}) exposes (it exposes ${offered}) (IST0162)`,
          });
        }
      });
    }
    return findings;
  },
};
