/**
 * A service's pods as the perimeter names them. Pods carry `app: <service name>` (Istio's
 * convention, and the label Flagger requires of a Canary's target). Flagger runs a progressive
 * service as two Deployments: the canary (its target, `app: <name>`) and the primary, whose pods
 * it relabels `app: <name>-primary`; a policy that selects pods must name both.
 */
import type { ServiceConfig } from "../../infra/config/schema";
import { flaggerOwnedNames, PRIMARY_SUFFIX, primaryName } from "../../policies/vocabulary/flaggerNames";
import { serviceHost } from "./names";

export interface PodGroup {
  /** What the pods are: all of a static service's, or a progressive service's canary or primary. */
  role: "service" | "canary" | "primary";
  /** Added to the service name to name the objects for this group (`-primary`). */
  suffix: "" | typeof PRIMARY_SUFFIX;
  labels: Record<string, string>;
}

/** The label the mesh selects a service's pods by, and Flagger its Deployment's. */
export const POD_LABEL = "app";

/** The labels a service's pods must carry, as its team writes them (Flagger relabels the primary's copy). */
export const podLabelsOf = (service: Pick<ServiceConfig, "name">): Record<string, string> => ({ [POD_LABEL]: service.name });

export function podGroups(service: ServiceConfig): PodGroup[] {
  if (service.delivery === "static") {
    return [{ role: "service", suffix: "", labels: podLabelsOf(service) }];
  }
  return [
    { role: "canary", suffix: "", labels: podLabelsOf(service) },
    { role: "primary", suffix: PRIMARY_SUFFIX, labels: { [POD_LABEL]: primaryName(service.name) } },
  ];
}

/** The port the pods listen on behind the Service's port. */
export const targetPortOf = (service: ServiceConfig): number => service.targetPort ?? service.port;

/**
 * The hosts a caller's proxy must know to reach a service: its own, and for a progressive service
 * the primary and canary Services Flagger's VirtualService routes to.
 */
export function hostsOf(service: ServiceConfig): string[] {
  const names = service.delivery === "progressive" ? flaggerOwnedNames(service.name).services : [service.name];
  return names.map((name) => serviceHost(name, service.namespace));
}
