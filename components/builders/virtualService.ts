import type { IVirtualService } from "@kubernetes-models/istio/networking.istio.io/v1/VirtualService";
import type { StaticServiceConfig } from "../../infra/config/schema";
import { CANARY_SUBSET, STABLE_SUBSET } from "./destinationRule";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { API_VERSIONS } from "./apiVersions";
import { serviceHost } from "./names";
import { httpRetries } from "./trafficPolicy";

type HttpRoute = NonNullable<NonNullable<IVirtualService["spec"]>["http"]>[number];

/**
 * Routing for a static service, bound to the `mesh` gateway: requests carrying the canary header
 * go to the canary subset; all others follow the weighted stable/canary split. A zero-weight
 * destination is left out rather than emitted.
 */
export function virtualService(service: StaticServiceConfig): K8sObject {
  return {
    apiVersion: API_VERSIONS.virtualService,
    kind: "VirtualService",
    metadata: { name: service.name, namespace: service.namespace },
    spec: { hosts: [serviceHost(service.name, service.namespace)], http: httpRoutes(service, "/") } satisfies IVirtualService["spec"],
  };
}

/**
 * The same routing for the service's public hosts, bound to its ingress Gateway (`namespace/name`)
 * and scoped to its path prefix; the canary header keeps working through the ingress. It is a
 * VirtualService of its own, bound to that Gateway only: several services may then share a public
 * host (Istio merges VirtualServices on a gateway), and the Gateway serves every host it lists
 * (istioctl IST0132 otherwise).
 */
export function ingressVirtualService(service: StaticServiceConfig, gateway: string): K8sObject | undefined {
  if (!service.expose) {
    return undefined;
  }
  return {
    apiVersion: API_VERSIONS.virtualService,
    kind: "VirtualService",
    metadata: { name: `${service.name}-ingress`, namespace: service.namespace },
    spec: {
      hosts: [...service.expose.hosts],
      gateways: [gateway],
      http: httpRoutes(service, service.expose.pathPrefix),
    } satisfies IVirtualService["spec"],
  };
}

/** The header route and the weighted split, for requests under `pathPrefix` (`/` for all). */
function httpRoutes(service: StaticServiceConfig, pathPrefix: string): HttpRoute[] {
  const host = serviceHost(service.name, service.namespace);
  const destination = (subset: string) => ({ host, subset, port: { number: service.port } });
  const shared: Pick<HttpRoute, "timeout" | "retries" | "fault"> = {};
  if (service.timeout) {
    shared.timeout = service.timeout;
  }
  if (service.retries) {
    shared.retries = httpRetries(service.retries);
  }
  const fault = faultOf(service);
  if (fault) {
    shared.fault = fault;
  }
  const uri = pathPrefix === "/" ? {} : { uri: { prefix: pathPrefix } };

  const weighted = [
    { destination: destination(STABLE_SUBSET), weight: service.split.stable },
    { destination: destination(CANARY_SUBSET), weight: service.split.canary },
  ].filter((route) => route.weight > 0);

  // Typed from the Istio CRD: a misspelled or unknown field does not compile.
  return [
    {
      name: "canary-by-header",
      match: [{ headers: { [service.canaryHeader.name]: { exact: service.canaryHeader.value } }, ...uri }],
      route: [{ destination: destination(CANARY_SUBSET) }],
      ...shared,
    },
    { name: "weighted-split", ...(pathPrefix === "/" ? {} : { match: [uri] }), route: weighted, ...shared },
  ];
}

function faultOf(service: StaticServiceConfig): HttpRoute["fault"] {
  const config = service.faultInjection;
  if (!config || (!config.delay && !config.abort)) {
    return undefined;
  }
  return {
    ...(config.delay ? { delay: { percentage: { value: config.delay.percentage }, fixedDelay: config.delay.fixedDelay } } : {}),
    ...(config.abort ? { abort: { percentage: { value: config.abort.percentage }, httpStatus: config.abort.httpStatus } } : {}),
  };
}
