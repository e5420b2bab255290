/**
 * What a namespace's proxies may reach and know. Each external API a namespace calls is a
 * ServiceEntry in that namespace, visible there only (with REGISTRY_ONLY it is the only way out);
 * and a namespace-wide Sidecar limits its proxies' configuration to their own namespace, the
 * control plane and the services they call, instead of every service of the mesh.
 * https://istio.io/latest/docs/ops/best-practices/traffic-management/#set-default-routing-for-services
 */
import type { IServiceEntry } from "@kubernetes-models/istio/networking.istio.io/v1/ServiceEntry";
import type { ISidecar } from "@kubernetes-models/istio/networking.istio.io/v1/Sidecar";
import type { ExternalApiConfig } from "../../infra/config/stackConfig";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { API_VERSIONS } from "./apiVersions";

export function serviceEntry(api: ExternalApiConfig, namespace: string): K8sObject {
  const spec: IServiceEntry["spec"] = {
    hosts: [...api.hosts],
    location: "MESH_EXTERNAL",
    resolution: "DNS",
    ports: api.ports.map((p) => ({ number: p.number, name: `${p.protocol.toLowerCase()}-${p.number}`, protocol: p.protocol })),
    exportTo: ["."],
  };
  return { apiVersion: API_VERSIONS.serviceEntry, kind: "ServiceEntry", metadata: { name: api.name, namespace }, spec };
}

/** The name Istio gives the one namespace-wide Sidecar by convention. */
export const SIDECAR_NAME = "default";

/**
 * `./*` (the namespace itself, its ServiceEntries included), the control plane, and each listed
 * host as `namespace/host`.
 */
export function sidecarScope(namespace: string, istioNamespace: string, remoteHosts: { namespace: string; host: string }[]): K8sObject {
  const hosts = ["./*", `${istioNamespace}/*`, ...[...new Set(remoteHosts.map((r) => `${r.namespace}/${r.host}`))].sort()];
  const spec: ISidecar["spec"] = { egress: [{ hosts }] };
  return { apiVersion: API_VERSIONS.sidecar, kind: "Sidecar", metadata: { name: SIDECAR_NAME, namespace }, spec };
}
