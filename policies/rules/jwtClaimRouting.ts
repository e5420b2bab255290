import { INSTALLED_GATEWAYS_THRESHOLD } from "./lib/installedGateways";
import type { K8sObject } from "../vocabulary/k8sObject";
import type { GatewayWorkload } from "../vocabulary/ingressGateway";
import { selectorMatches } from "../vocabulary/labelSelector";
import { podViews } from "../vocabulary/pods";
import { dict, isGateway, isRequestAuthentication, isVirtualService, list, namespacedName, specOf } from "./lib/objects";
import type { Finding, StackRule } from "./rule";

export interface JwtClaimRoutingConfig {
  /** Gateway workloads installed outside the objects judged, such as the platform's ingress gateway. */
  installedGateways: GatewayWorkload[];
  /** Where a RequestAuthentication applies to every workload (istioctl reads istio-system). */
  rootNamespace: string;
}

const CLAIM_HEADER = "@request.auth.claims";

/** The first header a route matches on that is a JWT claim (`@request.auth.claims.<claim>` or `…[<claim>]`). */
function claimHeader(virtualService: K8sObject): string | undefined {
  for (const route of list(specOf(virtualService).http)) {
    for (const match of list(dict(route).match)) {
      for (const header of [...Object.keys(dict(dict(match).headers)), ...Object.keys(dict(dict(match).withoutHeaders))]) {
        const rest = header.toLowerCase().startsWith(CLAIM_HEADER) ? header.slice(CLAIM_HEADER.length) : "";
        if ((rest.startsWith(".") && rest.length > 1) || (rest.startsWith("[") && rest.endsWith("]") && rest.length > 2)) {
          return header;
        }
      }
    }
  }
  return undefined;
}

/**
 * istioctl IST0149: routing on a JWT claim works only where a RequestAuthentication validates the
 * token; on a gateway workload without one, the claim is never set and the route never matches.
 */
export const jwtClaimRouting: StackRule<JwtClaimRoutingConfig> = {
  scope: "stack",
  name: "jwt-claim-routing",
  description:
    "A VirtualService bound to a Gateway that routes on a JWT claim (`@request.auth.claims.…`) needs a RequestAuthentication on each " +
    "gateway workload (in its namespace or the root namespace), or the claim is never set and the route never matches (istioctl " +
    "IST0149). It knows the gateway pods among the objects it sees and the installed gateways.",
  enforcementLevel: "mandatory",
  thresholds: {
    installedGateways: INSTALLED_GATEWAYS_THRESHOLD,
    rootNamespace: {
      type: "string",
      default: "istio-system",
      description: "The namespace whose RequestAuthentications apply to every workload.",
    },
  },
  check(objects, config) {
    const gateways = new Map(objects.filter(isGateway).map((g) => [namespacedName(g), g]));
    const workloads = [
      ...podViews(objects).map((pod) => ({
        namespace: pod.namespace,
        labels: pod.labels,
        name: `${pod.object.kind} ${pod.namespace}/${pod.object.metadata.name}`,
      })),
      ...config.installedGateways.map((g) => ({
        namespace: g.namespace,
        labels: g.labels,
        name: `the installed gateway in ${g.namespace}`,
      })),
    ];
    const authentications = objects.filter(isRequestAuthentication).map((ra) => ({
      namespace: ra.metadata.namespace ?? "default",
      selector: dict(dict(specOf(ra).selector).matchLabels) as Record<string, string>,
    }));
    const findings: Finding[] = [];
    for (const virtualService of objects.filter(isVirtualService)) {
      const header = claimHeader(virtualService);
      if (!header) {
        continue;
      }
      for (const ref of list(specOf(virtualService).gateways)
        .map(String)
        .filter((ref) => ref !== "mesh")) {
        const key = ref.includes("/") ? ref : `${virtualService.metadata.namespace ?? "default"}/${ref}`;
        const gateway = gateways.get(key);
        if (!gateway) {
          continue; // gateway-bindings reports a missing Gateway
        }
        const selector = dict(specOf(gateway).selector) as Record<string, string>;
        for (const workload of workloads.filter((w) => selectorMatches({ matchLabels: selector }, w.labels))) {
          const validated = authentications.some(
            (ra) =>
              (ra.namespace === config.rootNamespace || ra.namespace === workload.namespace) &&
              selectorMatches({ matchLabels: ra.selector }, workload.labels),
          );
          if (!validated) {
            findings.push({
              object: virtualService,
              message: `routes on the JWT claim ${header} through Gateway ${key}, but no RequestAuthentication validates tokens on ${workload.name}: the route never matches (IST0149)`,
            });
          }
        }
      }
    }
    return findings;
  },
};
