/**
 * The ingress: one Istio Gateway per declared gateway on the ingress gateway's pods (HTTPS with the
 * gateway's certificate; HTTP answered with a redirect to HTTPS), and how a progressive service is
 * exposed through one. A static service's exposure is its ingress VirtualService (virtualService.ts).
 */
import type { IGateway } from "@kubernetes-models/istio/networking.istio.io/v1/Gateway";
import type { IstioGatewayConfig, ProgressiveServiceConfig, StackConfig } from "../../infra/config/schema";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { API_VERSIONS } from "./apiVersions";
import { INGRESS_GATEWAY_SELECTOR } from "./names";

/** How VirtualServices and Canaries name a Gateway: `<namespace>/<name>`. */
export const gatewayRef = (gatewayNamespace: string, name: string): string => `${gatewayNamespace}/${name}`;

/** The mesh's own gateway: routes bound to it apply to every sidecar. */
export const MESH_GATEWAY = "mesh";

export function istioGateway(gateway: IstioGatewayConfig, namespace: string): K8sObject {
  const spec: IGateway["spec"] = {
    selector: { ...INGRESS_GATEWAY_SELECTOR },
    servers: [
      {
        port: { number: 443, name: "https", protocol: "HTTPS" },
        hosts: [...gateway.hosts],
        tls: { mode: "SIMPLE", credentialName: gateway.credentialName },
      },
      { port: { number: 80, name: "http", protocol: "HTTP" }, hosts: [...gateway.hosts], tls: { httpsRedirect: true } },
    ],
  };
  return { apiVersion: API_VERSIONS.gateway, kind: "Gateway", metadata: { name: gateway.name, namespace }, spec };
}

/**
 * The Canary's `service` fields that expose a progressive service: Flagger binds its generated
 * VirtualService to the Gateway and to the mesh (it would drop the mesh once a Gateway is named,
 * so the mesh is named too), with the public hosts. A path prefix scopes only the Gateway's
 * requests: a match per gateway keeps every path open to callers inside the mesh.
 */
export function canaryExposure(
  service: ProgressiveServiceConfig,
  gatewayNamespace: string,
): { gateways: string[]; hosts: string[]; match?: Record<string, unknown>[] } | undefined {
  const expose = service.expose;
  if (!expose) {
    return undefined;
  }
  const gateway = gatewayRef(gatewayNamespace, expose.gateway);
  return {
    gateways: [gateway, MESH_GATEWAY],
    hosts: [...expose.hosts],
    ...(expose.pathPrefix === "/"
      ? {}
      : { match: [{ uri: { prefix: expose.pathPrefix }, gateways: [gateway] }, { gateways: [MESH_GATEWAY] }] }),
  };
}

/** A public URL of an exposed service, as an operator calls it to check the ingress. */
export interface IngressRoute {
  url: string;
  /** `<namespace>/<name>` of the service behind it. */
  service: string;
  /**
   * The request header that reaches the canary: a static service's `canaryHeader`, or an A/B
   * test's header match while its analysis runs. Absent where only weights decide.
   */
  canaryHeader?: { name: string; value: string };
}

function canaryHeaderOf(service: StackConfig["services"][number]): IngressRoute["canaryHeader"] {
  if (service.delivery === "static") {
    return { ...service.canaryHeader };
  }
  const header = service.canary.strategy === "abTest" ? service.canary.match?.header : undefined;
  return header ? { ...header } : undefined;
}

/** Every exposed service's public URLs (one per host), in the order of `services`. */
export function ingressRoutes(config: StackConfig): IngressRoute[] {
  return config.services.flatMap((service) => {
    if (!service.expose) {
      return [];
    }
    const canaryHeader = canaryHeaderOf(service);
    return service.expose.hosts.map((host) => ({
      url: `https://${host}${service.expose!.pathPrefix}`,
      service: `${service.namespace}/${service.name}`,
      ...(canaryHeader ? { canaryHeader } : {}),
    }));
  });
}
