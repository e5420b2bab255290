/**
 * Who calls whom, from each service's `calls`: the one graph that authorization (who may call a
 * service), egress (what a namespace's proxies must know, which external APIs it reaches) and
 * `plan`'s perimeter picture are all derived from. The config has already checked that every
 * call names a declared service or API.
 */
import { resolveServiceRef } from "../../infra/config/kubernetesValues";
import type { ExternalApiConfig, ServiceConfig, StackConfig } from "../../infra/config/schema";

export const serviceKey = (service: { namespace: string; name: string }): string => `${service.namespace}/${service.name}`;

export interface CallGraph {
  /** The services each service calls, by the caller's key, in the order it lists them. */
  callees: ReadonlyMap<string, readonly ServiceConfig[]>;
  /** The services that call each service, by the callee's key, in config order. */
  callers: ReadonlyMap<string, readonly ServiceConfig[]>;
  /** The external APIs each service calls, by the caller's key. */
  apis: ReadonlyMap<string, readonly ExternalApiConfig[]>;
}

export function callGraph(config: StackConfig): CallGraph {
  const byKey = new Map(config.services.map((service) => [serviceKey(service), service]));
  const apiByName = new Map(config.externalApis.map((api) => [api.name, api]));
  const callees = new Map<string, ServiceConfig[]>();
  const callers = new Map<string, ServiceConfig[]>(config.services.map((service) => [serviceKey(service), []]));
  const apis = new Map<string, ExternalApiConfig[]>();
  for (const service of config.services) {
    const targets = unique(service.calls.services.map((ref) => serviceKey(resolveServiceRef(ref, service.namespace))))
      .map((key) => byKey.get(key))
      .filter((target): target is ServiceConfig => target !== undefined);
    callees.set(serviceKey(service), targets);
    targets.forEach((target) => callers.get(serviceKey(target))?.push(service));
    apis.set(
      serviceKey(service),
      unique(service.calls.apis)
        .map((name) => apiByName.get(name))
        .filter((api): api is ExternalApiConfig => api !== undefined),
    );
  }
  return { callees, callers, apis };
}

/** The external APIs any service of a namespace calls, each once, in declaration order. */
export function apisCalledFrom(namespace: string, config: StackConfig, graph: CallGraph): ExternalApiConfig[] {
  const called = new Set(
    config.services
      .filter((service) => service.namespace === namespace)
      .flatMap((service) => (graph.apis.get(serviceKey(service)) ?? []).map((api) => api.name)),
  );
  return config.externalApis.filter((api) => called.has(api.name));
}

/** The services in other namespaces that any service of a namespace calls, each once. */
export function remoteCalleesOf(namespace: string, config: StackConfig, graph: CallGraph): ServiceConfig[] {
  const seen = new Set<string>();
  const remote: ServiceConfig[] = [];
  for (const service of config.services.filter((s) => s.namespace === namespace)) {
    for (const callee of graph.callees.get(serviceKey(service)) ?? []) {
      if (callee.namespace !== namespace && !seen.has(serviceKey(callee))) {
        seen.add(serviceKey(callee));
        remote.push(callee);
      }
    }
  }
  return remote;
}

/**
 * The services nothing may call: no service lists them under `calls.services` and they are not
 * exposed through a Gateway. Their namespace allows nothing by default, so every request to them
 * is refused (a progressive service's canary pods still take the load tester's during analysis).
 */
export function uncalledServices(config: StackConfig, graph: CallGraph = callGraph(config)): ServiceConfig[] {
  return config.services.filter((service) => !service.expose && (graph.callers.get(serviceKey(service)) ?? []).length === 0);
}

const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];
