import { INSTALLED_GATEWAYS_THRESHOLD } from "./lib/installedGateways";
import type { K8sObject } from "../vocabulary/k8sObject";
import type { GatewayWorkload } from "../vocabulary/ingressGateway";
import { selectorMatches } from "../vocabulary/labelSelector";
import { podViews } from "../vocabulary/pods";
import { dict, isGateway, list, namespacedName, specOf } from "./lib/objects";
import type { Finding, StackRule } from "./rule";

export interface GatewayConflictsConfig {
  /** Gateway workloads installed outside the objects judged, such as the platform's ingress gateway. */
  installedGateways: GatewayWorkload[];
}

type Labels = Record<string, string>;

interface Server {
  gateway: K8sObject;
  selector: Labels;
  port: number;
  hosts: string[];
  bind: string;
  tls: Record<string, unknown> | undefined;
}

const labelsOf = (value: unknown): Labels =>
  Object.fromEntries(Object.entries(dict(value)).filter((entry): entry is [string, string] => typeof entry[1] === "string"));

/** Whether every label of `a` is in `b` with the same value (an empty `a` is a subset of everything). */
const isSubset = (a: Labels, b: Labels) => Object.entries(a).every(([key, value]) => b[key] === value);

const sameLabels = (a: Labels, b: Labels) => isSubset(a, b) && isSubset(b, a);

function serversOf(gateway: K8sObject): Server[] {
  const selector = labelsOf(specOf(gateway).selector);
  return list(specOf(gateway).servers).map((entry) => {
    const server = dict(entry);
    const number = dict(server.port).number;
    return {
      gateway,
      selector,
      port: typeof number === "number" ? number : 0,
      hosts: list(server.hosts).map(String),
      bind: typeof server.bind === "string" ? server.bind : "",
      tls: server.tls === undefined ? undefined : dict(server.tls),
    };
  });
}

/**
 * The certificate a TLS server presents, as istioctl compares them: its credentialName, or its
 * certificate and key files when it has no credentialName.
 */
function certificateOf(tls: Record<string, unknown> | undefined): string | undefined {
  if (!tls) {
    return undefined;
  }
  if (typeof tls.credentialName === "string" && tls.credentialName !== "") {
    return `credential ${tls.credentialName}`;
  }
  if (
    typeof tls.serverCertificate === "string" &&
    tls.serverCertificate !== "" &&
    typeof tls.privateKey === "string" &&
    tls.privateKey !== ""
  ) {
    return `files ${tls.serverCertificate} and ${tls.privateKey}`;
  }
  return undefined;
}

/**
 * istioctl IST0145 (conflicting Gateways) and IST0138 (one certificate on two Gateways). Two
 * Gateways on the same gateway workload (the same selector, or one selecting a subset of the
 * other's pods) that declare one host on one port and bind conflict: the gateway keeps one of them.
 * Two Gateways of one workload presenting one certificate make HTTP/2 clients reuse a connection
 * across their hosts and get 404s.
 */
export const gatewayConflicts: StackRule<GatewayConflictsConfig> = {
  scope: "stack",
  name: "gateway-conflicts",
  description:
    "Two Gateways on one gateway workload (the same selector, or selectors that pick the same pods) must not declare the same host on " +
    "the same port and bind (istioctl IST0145: the gateway keeps one and drops the other), nor present the same certificate (IST0138: " +
    "HTTP/2 clients reuse the connection across hosts and get 404). It knows the gateway pods among the objects it sees and the " +
    "installed gateways; hosts are compared as written, as istioctl does.",
  enforcementLevel: "mandatory",
  thresholds: {
    installedGateways: INSTALLED_GATEWAYS_THRESHOLD,
  },
  check(objects, config) {
    const workloadLabels: Labels[] = [...podViews(objects).map((pod) => pod.labels), ...config.installedGateways.map((g) => g.labels)];
    /** Whether two selectors pick the same gateway workload: equal, or nested with a workload both pick. */
    const shareWorkload = (a: Labels, b: Labels) =>
      sameLabels(a, b) ||
      ((isSubset(a, b) || isSubset(b, a)) &&
        workloadLabels.some((labels) => selectorMatches({ matchLabels: a }, labels) && selectorMatches({ matchLabels: b }, labels)));

    const servers = objects.filter(isGateway).flatMap(serversOf);
    const findings: Finding[] = [];
    const report = (gateway: K8sObject, message: string) => {
      if (!findings.some((f) => f.object === gateway && f.message === message)) {
        findings.push({ object: gateway, message });
      }
    };

    // IST0145: index by port, bind and host, then compare only the servers in one bucket.
    const byHost = new Map<string, Server[]>();
    for (const server of servers) {
      for (const host of server.hosts) {
        const key = `${server.port}|${server.bind}|${host}`;
        byHost.set(key, [...(byHost.get(key) ?? []), server]);
      }
    }
    for (const [key, bucket] of byHost) {
      const [port, , host] = key.split("|");
      for (const server of bucket) {
        const others = bucket.filter((other) => other.gateway !== server.gateway && shareWorkload(server.selector, other.selector));
        if (others.length > 0) {
          const names = [...new Set(others.map((other) => namespacedName(other.gateway)))].sort().join(", ");
          report(
            server.gateway,
            `declares host ${host} on port ${port}, as ${names} does on the same gateway workload: the gateway keeps only one (IST0145)`,
          );
        }
      }
    }

    // IST0138: index TLS servers by the certificate they present.
    const byCertificate = new Map<string, Server[]>();
    for (const server of servers) {
      const certificate = certificateOf(server.tls);
      if (certificate) {
        byCertificate.set(certificate, [...(byCertificate.get(certificate) ?? []), server]);
      }
    }
    for (const [certificate, bucket] of byCertificate) {
      for (const server of bucket) {
        // As istioctl: a Gateway whose selector is a subset of the other's shares its pods.
        const others = bucket.filter((other) => other.gateway !== server.gateway && isSubset(server.selector, other.selector));
        if (others.length > 0) {
          const names = [...new Set(others.map((other) => namespacedName(other.gateway)))].sort().join(", ");
          report(
            server.gateway,
            `presents the certificate of ${certificate}, as ${names} does on the same gateway workload: HTTP/2 clients reuse connections across their hosts and get 404 (IST0138)`,
          );
        }
      }
    }
    return findings;
  },
};
