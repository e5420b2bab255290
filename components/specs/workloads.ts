/**
 * A service's pods as the perimeter names them. Pods carry `app: <service name>` (Istio's
 * convention, and the label Flagger requires of a Canary's target). Flagger runs a progressive
 * service as two Deployments: the canary (its target, `app: <name>`) and the primary, whose pods
 * it relabels `app: <name>-primary`; a policy that selects pods must name both.
 */
import type { ServiceConfig } from "../../infra/config/stackConfig";
import { flaggerOwnedNames } from "../../policies/vocabulary/flaggerNames";
import { serviceHost } from "./names";

export interface PodGroup {
  /** What the pods are: all of a static service's, or a progressive service's canary or primary. */
  role: "service" | "canary" | "primary";
  /** Added to the service name to name the objects for this group (`-primary`). */
  suffix: "" | "-primary";
  labels: Record<string, string>;
}

export function podGroups(service: ServiceConfig): PodGroup[] {
  if (service.delivery === "static") {
    return [{ role: "service", suffix: "", labels: { app: service.name } }];
  }
  return [
    { role: "canary", suffix: "", labels: { app: service.name } },
    { role: "primary", suffix: "-primary", labels: { app: `${service.name}-primary` } },
  ];
}

/** The ServiceAccount a service's pods run as. */
export const serviceAccountOf = (service: ServiceConfig): string => service.serviceAccount ?? service.name;

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
