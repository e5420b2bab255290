/**
 * What a namespace's proxies may reach and know. Each external API a namespace calls is a
 * ServiceEntry in that namespace, visible there only (with REGISTRY_ONLY it is the only way out).
 * Sidecars limit what each proxy is configured with, instead of every service of the mesh: each
 * declared service's pods hold the control plane and exactly what they call (a Sidecar selecting
 * them); any other workload of the namespace holds the namespace, the control plane and what the
 * namespace calls (the namespace-wide Sidecar).
 * https://istio.io/latest/docs/reference/config/networking/sidecar/
 */
import type { IServiceEntry } from "@kubernetes-models/istio/networking.istio.io/v1/ServiceEntry";
import type { ISidecar } from "@kubernetes-models/istio/networking.istio.io/v1/Sidecar";
import type { ExternalApiConfig } from "../../infra/config/schema";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { API_VERSIONS } from "./apiVersions";

export function serviceEntry(api: ExternalApiConfig, namespace: string): K8sObject {
  const spec: IServiceEntry["spec"] = {
    hosts: [...api.hosts],
    ...(api.addresses ? { addresses: [...api.addresses] } : {}),
    location: "MESH_EXTERNAL",
    resolution: "DNS",
    ports: api.ports.map((p) => ({ number: p.number, name: `${p.protocol.toLowerCase()}-${p.number}`, protocol: p.protocol })),
    exportTo: ["."],
  };
  return { apiVersion: API_VERSIONS.serviceEntry, kind: "ServiceEntry", metadata: { name: api.name, namespace }, spec };
}

/** The name Istio gives the one namespace-wide Sidecar by convention. */
export const SIDECAR_NAME = "default";

/** A host a proxy imports: `namespace/host`, as a Sidecar's egress names it. */
export interface ImportedHost {
  namespace: string;
  host: string;
}

const hostList = (hosts: ImportedHost[]) => [...new Set(hosts.map((h) => `${h.namespace}/${h.host}`))].sort();

/**
 * The namespace-wide scope: `./*` (the namespace itself, its ServiceEntries included), the control
 * plane, and each listed host as `namespace/host`.
 */
export function sidecarScope(namespace: string, istioNamespace: string, remoteHosts: ImportedHost[]): K8sObject {
  const spec: ISidecar["spec"] = { egress: [{ hosts: ["./*", `${istioNamespace}/*`, ...hostList(remoteHosts)] }] };
  return { apiVersion: API_VERSIONS.sidecar, kind: "Sidecar", metadata: { name: SIDECAR_NAME, namespace }, spec };
}

/**
 * One workload's scope, named `name` and selecting `labels`: the control plane and exactly the
 * hosts it calls. It takes precedence over the namespace-wide Sidecar for those pods.
 */
export function workloadSidecar(
  name: string,
  namespace: string,
  labels: Record<string, string>,
  istioNamespace: string,
  hosts: ImportedHost[],
): K8sObject {
  const spec: ISidecar["spec"] = {
    workloadSelector: { labels: { ...labels } },
    egress: [{ hosts: [`${istioNamespace}/*`, ...hostList(hosts)] }],
  };
  return { apiVersion: API_VERSIONS.sidecar, kind: "Sidecar", metadata: { name, namespace }, spec };
}
