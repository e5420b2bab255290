/**
 * The whole stack as data: every chart release and every Kubernetes object, grouped the way the
 * components register them. Components call the per-group functions; the offline tools call
 * `stackObjects` and `chartReleases`; both therefore describe exactly the same mesh.
 */
import {
  serviceAccountOf,
  type ExternalApiConfig,
  type FlaggerConfig,
  type IstioConfig,
  type ProgressiveServiceConfig,
  type ServiceConfig,
  type StackConfig,
  type StaticServiceConfig,
} from "../../infra/config/schema";
import { alertProviderObjects, type AlertProviderObjects } from "./alerting";
import { autoscaler } from "./autoscaler";
import { canaryAlertRule, canaryWatch, flaggerPodMonitor, type CanaryWatch } from "./canarySignals";
import { canary, metricTemplates, type CanaryContext } from "./canary";
import type { ChartRelease } from "./chartRelease";
import { destinationRule } from "./destinationRule";
import { flaggerRelease, loadtesterRelease } from "./flaggerCharts";
import { selectorOf } from "./controlPlane";
import { ingressGatewayRelease, istioBaseRelease, istiodReleases } from "./istioCharts";
import { kialiOperatorRelease, kialiResource } from "./kiali";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { ingressGatewayPodMonitor, istiodServiceMonitor, sidecarPodMonitor } from "./monitoring";
import { INGRESS_GATEWAY_RELEASE, LOADTESTER_PORT, LOADTESTER_RELEASE, LOADTESTER_SELECTOR, principal, serviceHost } from "./names";
import { controlPlaneNamespace, meshNamespace, outOfMeshNamespace } from "./namespace";
import { permissiveWorkloadMtls, strictMtls } from "./peerAuthentication";
import { meshTelemetry } from "./telemetry";
import { ingressVirtualService, virtualService } from "./virtualService";
import { allowNothing, plaintextWorkloadAuthorization, serviceAuthorizations, type ServiceCallers } from "./authorization";
import { apisCalledFrom, callGraph, remoteCalleesOf, serviceKey, type CallGraph } from "./callGraph";
import { serviceEntry, sidecarScope, workloadSidecar, type ImportedHost } from "./egress";
import { gatewayRef, istioGateway } from "./ingress";
import { rateLimitFilters } from "./rateLimit";
import { hostsOf, podGroups } from "./workloads";
import { serviceAccount, stackServiceAccountNames } from "./serviceAccount";
import { canaryName } from "../../policies/vocabulary/flaggerNames";

export interface MeshNamespaceSpec {
  name: string;
  /** The tag or revision selected with `istio.io/rev`; without one the namespace gets `istio-injection=enabled`. */
  revision?: string;
  labels?: Record<string, string>;
  /**
   * Workloads that take plain text on one port despite the namespace-wide STRICT mode and
   * allow-nothing authorization: a PERMISSIVE PeerAuthentication and an AuthorizationPolicy for
   * requests without an identity, both scoped to the workload.
   */
  permissiveWorkloads?: { name: string; selector: Record<string, string>; port: number }[];
  /** The control plane's namespace, which every proxy must know. */
  istioNamespace: string;
  /** Hosts in other namespaces the namespace's proxies call, as `{namespace, host}`. */
  remoteHosts: { namespace: string; host: string }[];
  /** External APIs called from the namespace: a ServiceEntry each, visible there only. */
  externalApis: ExternalApiConfig[];
  /** The ServiceAccounts the stack creates there: the identities its services run as. */
  serviceAccounts: string[];
}

/** Name of the PeerAuthentication that lets the load tester receive Flagger's webhooks. */
const LOADTESTER_EXCEPTION_NAME = "loadtester-webhooks";

export interface MeshNamespaceObjects {
  /** The namespace, labelled for injection. */
  namespace: K8sObject;
  /** Namespace-wide STRICT mTLS first, then each workload exception. */
  peerAuthentications: K8sObject[];
  /** Allow-nothing for the namespace first, then each plain-text workload exception. */
  authorizationPolicies: K8sObject[];
  /** What the namespace's proxies know: itself, the control plane and what they call. */
  sidecar: K8sObject;
  /** One per external API called from the namespace. */
  serviceEntries: K8sObject[];
  /** The identities of its services that the stack creates. */
  serviceAccounts: K8sObject[];
}

export function meshNamespaceObjects(spec: MeshNamespaceSpec): MeshNamespaceObjects {
  const exceptions = spec.permissiveWorkloads ?? [];
  return {
    namespace: meshNamespace(spec.name, spec.revision, spec.labels),
    peerAuthentications: [strictMtls(spec.name), ...exceptions.map((w) => permissiveWorkloadMtls(spec.name, w.name, w.selector))],
    authorizationPolicies: [
      allowNothing(spec.name),
      ...exceptions.map((w) => plaintextWorkloadAuthorization(spec.name, w.name, w.selector, w.port)),
    ],
    sidecar: sidecarScope(spec.name, spec.istioNamespace, spec.remoteHosts),
    serviceEntries: spec.externalApis.map((api) => serviceEntry(api, spec.name)),
    serviceAccounts: spec.serviceAccounts.map((name) => serviceAccount(name, spec.name)),
  };
}

/**
 * The load tester's namespace: in the mesh, STRICT and allowing nothing, with the one workload
 * exception it needs (Flagger's plain-text webhook calls); its proxies know the canary of every
 * progressive service, which smoke and load tests call.
 */
export function loadtesterNamespaceSpec(config: StackConfig): MeshNamespaceSpec {
  return {
    name: config.flagger.loadtesterNamespace,
    revision: selectorOf(config.istio, config.flagger.loadtesterRevision),
    permissiveWorkloads: [{ name: LOADTESTER_EXCEPTION_NAME, selector: { ...LOADTESTER_SELECTOR }, port: LOADTESTER_PORT }],
    istioNamespace: config.istio.namespace,
    remoteHosts: config.services
      .filter((service) => service.delivery === "progressive")
      .map((service) => ({ namespace: service.namespace, host: serviceHost(canaryName(service.name), service.namespace) })),
    externalApis: [],
    // The load tester's chart creates its own ServiceAccount (rbac.create).
    serviceAccounts: [],
  };
}

export function serviceNamespaceSpecs(config: StackConfig, graph: CallGraph = callGraph(config)): MeshNamespaceSpec[] {
  return config.namespaces.map((ns) => ({
    name: ns.name,
    revision: selectorOf(config.istio, ns.revision),
    labels: ns.labels,
    istioNamespace: config.istio.namespace,
    remoteHosts: remoteCalleesOf(ns.name, config, graph).flatMap((callee) =>
      hostsOf(callee).map((host) => ({ namespace: callee.namespace, host })),
    ),
    externalApis: apisCalledFrom(ns.name, config, graph),
    serviceAccounts: stackServiceAccountNames(ns.name, config.services),
  }));
}

/** The Istio Gateways of the ingress gateway, in its namespace. */
export function gatewayObjects(istio: IstioConfig): K8sObject[] {
  const gateway = istio.ingressGateway;
  return gateway.enabled ? gateway.gateways.map((g) => istioGateway(g, gateway.namespace)) : [];
}

/** A service's place in the perimeter: who may call its pods, and what its pods call. */
export interface ServicePerimeter {
  /** Its declared callers, the ingress gateway when exposed, and (for canary pods) the load tester. */
  callers: ServiceCallers;
  /** Hosts its pods call: its callees' Services and its external APIs' hosts (whose ServiceEntries sit in its namespace). */
  imports: ImportedHost[];
  /** The control plane's namespace, which every proxy must know. */
  istioNamespace: string;
}

export function servicePerimeter(service: ServiceConfig, config: StackConfig, graph: CallGraph): ServicePerimeter {
  const key = serviceKey(service);
  const callers = (graph.callers.get(key) ?? []).map((caller) => principal(caller.namespace, serviceAccountOf(caller)));
  const gateway = service.expose ? [principal(config.istio.ingressGateway.namespace, INGRESS_GATEWAY_RELEASE)] : [];
  return {
    callers: { principals: [...callers, ...gateway], loadtester: principal(config.flagger.loadtesterNamespace, LOADTESTER_RELEASE) },
    imports: [
      ...(graph.callees.get(key) ?? []).flatMap((callee) => hostsOf(callee).map((host) => ({ namespace: callee.namespace, host }))),
      ...(graph.apis.get(key) ?? []).flatMap((api) => api.hosts.map((host) => ({ namespace: service.namespace, host }))),
    ],
    istioNamespace: config.istio.namespace,
  };
}

/** A provider's webhook URL as the caller holds it: a Pulumi secret in the program, a placeholder offline. */
export type WebhookUrlOf = (provider: string) => unknown;

export interface FlaggerObjects {
  /** One per `flagger.alertProviders` entry: the Secret holding its webhook URL and the AlertProvider reading it. */
  alerting: AlertProviderObjects[];
  /** With the Prometheus Operator: what makes it scrape the sidecars, the ingress gateway (when enabled), istiod and Flagger. */
  monitors?: { sidecars: K8sObject; ingressGateway?: K8sObject; istiod: K8sObject; flagger: K8sObject };
  /** With the Prometheus Operator: the alerts on failed and stalled canaries (canarySignals.ts). */
  canaryAlertRule?: K8sObject;
}

/** Where the proxies and istiod that the monitors scrape run. */
export interface ScrapedMesh {
  istioNamespace: string;
  /** The ingress gateway's namespace, when the stack runs one. */
  ingressGatewayNamespace?: string;
}

export function scrapedMesh(istio: IstioConfig): ScrapedMesh {
  return {
    istioNamespace: istio.namespace,
    ...(istio.ingressGateway.enabled ? { ingressGatewayNamespace: istio.ingressGateway.namespace } : {}),
  };
}

/** Alert providers, and the Prometheus Operator monitors and canary alerts when the stack asks for them. */
export function flaggerObjects(
  flagger: FlaggerConfig,
  mesh: ScrapedMesh,
  webhookUrlOf: WebhookUrlOf,
  canaryWatches: readonly CanaryWatch[],
): FlaggerObjects {
  const operator = flagger.prometheusOperator;
  const gateway = mesh.ingressGatewayNamespace;
  return {
    alerting: flagger.alertProviders.map((provider) => alertProviderObjects(provider, flagger.namespace, webhookUrlOf(provider.name))),
    ...(operator
      ? {
          monitors: {
            sidecars: sidecarPodMonitor(operator.namespace, operator.labels),
            ...(gateway ? { ingressGateway: ingressGatewayPodMonitor(operator.namespace, gateway, operator.labels) } : {}),
            istiod: istiodServiceMonitor(operator.namespace, mesh.istioNamespace, operator.labels),
            flagger: flaggerPodMonitor(operator, flagger.namespace),
          },
          canaryAlertRule: canaryAlertRule(operator, flagger.namespace, canaryWatches),
        }
      : {}),
  };
}

/** Every Canary of the stack, as the alert rule watches it, from the services' objects. */
export function canaryWatches(services: readonly BuiltService[]): CanaryWatch[] {
  return services.flatMap((built) => (built.delivery === "progressive" ? [canaryWatch(built.objects.canary)] : []));
}

/** Where a progressive service's Canary finds the platform: Flagger's namespace, the load tester, Prometheus. */
export function canaryContext(config: StackConfig): CanaryContext {
  return {
    flaggerNamespace: config.flagger.namespace,
    loadtesterNamespace: config.flagger.loadtesterNamespace,
    metricsServer: config.flagger.metricsServer,
    gatewayNamespace: config.istio.ingressGateway.namespace,
    alerts: config.flagger.alerts,
  };
}

/** What a service's pods allow, know and limit: AuthorizationPolicies, Sidecars and rate-limit EnvoyFilters. */
export interface ServiceGuards {
  /** One per pod group that anybody may call (see authorization.ts). */
  authorizationPolicies: K8sObject[];
  /** One per pod group: the control plane and exactly what the service calls (`<name>`, `<name>-primary`). */
  sidecars: K8sObject[];
  /** One per pod group when the service has a rate limit. */
  rateLimitFilters: K8sObject[];
}

function serviceGuards(service: ServiceConfig, perimeter: ServicePerimeter): ServiceGuards {
  return {
    authorizationPolicies: serviceAuthorizations(service, perimeter.callers),
    sidecars: podGroups(service).map((group) =>
      workloadSidecar(`${service.name}${group.suffix}`, service.namespace, group.labels, perimeter.istioNamespace, perimeter.imports),
    ),
    rateLimitFilters: rateLimitFilters(service),
  };
}

export interface ProgressiveServiceObjects extends ServiceGuards {
  canary: K8sObject;
  /** The HPA the Canary's autoscalerRef names, when the service has an autoscaler. */
  autoscaler?: K8sObject;
  /** One per custom metric; the Canary refers to them. */
  metricTemplates: K8sObject[];
}

export function progressiveServiceObjects(
  service: ProgressiveServiceConfig,
  context: CanaryContext,
  perimeter: ServicePerimeter,
): ProgressiveServiceObjects {
  const hpa = autoscaler(service);
  return {
    canary: canary(service, context),
    ...(hpa ? { autoscaler: hpa } : {}),
    metricTemplates: metricTemplates(service, context.metricsServer),
    ...serviceGuards(service, perimeter),
  };
}

export interface StaticServiceObjects extends ServiceGuards {
  destinationRule: K8sObject;
  virtualService: K8sObject;
  /** The routes through its ingress Gateway, when it is exposed. */
  ingressVirtualService?: K8sObject;
}

export function staticServiceObjects(
  service: StaticServiceConfig,
  gatewayNamespace: string,
  perimeter: ServicePerimeter,
): StaticServiceObjects {
  const ingress = service.expose ? ingressVirtualService(service, gatewayRef(gatewayNamespace, service.expose.gateway)) : undefined;
  return {
    destinationRule: destinationRule(service),
    virtualService: virtualService(service),
    ...(ingress ? { ingressVirtualService: ingress } : {}),
    ...serviceGuards(service, perimeter),
  };
}

/** A service with its objects, built once: the program registers them, render and check list them, the alert rule watches the Canary. */
export type BuiltService =
  | { delivery: "progressive"; service: ProgressiveServiceConfig; objects: ProgressiveServiceObjects }
  | { delivery: "static"; service: StaticServiceConfig; objects: StaticServiceObjects };

/** Every service's objects, in config order. */
export function stackServices(config: StackConfig, graph: CallGraph = callGraph(config)): BuiltService[] {
  const context = canaryContext(config);
  return config.services.map((service) => {
    const perimeter = servicePerimeter(service, config, graph);
    return service.delivery === "progressive"
      ? { delivery: "progressive", service, objects: progressiveServiceObjects(service, context, perimeter) }
      : { delivery: "static", service, objects: staticServiceObjects(service, config.istio.ingressGateway.namespace, perimeter) };
  });
}

/**
 * A service's objects in apply order: MetricTemplates before the Canary, the DestinationRule
 * before the routes, the guards last.
 */
function serviceObjectList(built: BuiltService): K8sObject[] {
  const guards = [...built.objects.authorizationPolicies, ...built.objects.sidecars, ...built.objects.rateLimitFilters];
  if (built.delivery === "progressive") {
    const parts = built.objects;
    return [...(parts.autoscaler ? [parts.autoscaler] : []), ...parts.metricTemplates, parts.canary, ...guards];
  }
  const parts = built.objects;
  return [parts.destinationRule, parts.virtualService, ...(parts.ingressVirtualService ? [parts.ingressVirtualService] : []), ...guards];
}

/**
 * The ingress gateway's namespace, when it has one of its own: labelled for the tag or revision
 * that injects the gateway, so that every namespace states whether it is in the mesh (IST0102).
 * A gateway in the control-plane namespace is injected through its pod labels instead.
 */
export function gatewayNamespace(istio: IstioConfig): K8sObject | undefined {
  const gateway = istio.ingressGateway;
  if (!gateway.enabled || gateway.namespace === istio.namespace) {
    return undefined;
  }
  return meshNamespace(gateway.namespace, selectorOf(istio, gateway.revision));
}

/** Flagger's namespace, when it is not the control plane's: out of the mesh, and labelled so. */
export function flaggerNamespace(flagger: FlaggerConfig, istio: IstioConfig): K8sObject | undefined {
  const name = flagger.namespace;
  const taken = name === istio.namespace || (istio.ingressGateway.enabled && name === istio.ingressGateway.namespace);
  return taken ? undefined : outOfMeshNamespace(name);
}

/**
 * A part of the stack with the config key it comes from (`services[0]`, `istio.revisions[1]`),
 * so that `check --stack` can point a finding at the line a user would change.
 */
export interface Sourced<T> {
  value: T;
  /** A key path under the project's config namespace, without the `mesh-platform:` prefix. */
  key: string;
}

const sourced = <T>(key: string, values: (T | undefined)[]): Sourced<T>[] =>
  values.filter((value): value is T => value !== undefined).map((value) => ({ value, key }));

/** Every chart release, in install order, with the key that sets its version. */
export function sourcedChartReleases(config: StackConfig): Sourced<ChartRelease>[] {
  const revisionKeys = config.istio.revisions ? config.istio.revisions.map((_, i) => `istio.revisions[${i}]`) : ["versions.istio"];
  return [
    { value: istioBaseRelease(config.istio, config.versions), key: "versions.istio" },
    ...istiodReleases(config.istio, config.versions).map((value, i) => ({ value, key: revisionKeys[i] })),
    ...sourced("istio.ingressGateway", [
      config.istio.ingressGateway.enabled ? ingressGatewayRelease(config.istio, config.versions) : undefined,
    ]),
    { value: flaggerRelease(config.flagger, config.versions), key: "versions.flagger" },
    { value: loadtesterRelease(config.flagger, config.versions), key: "versions.loadtester" },
    ...sourced("versions.kiali", [config.kiali.enabled ? kialiOperatorRelease(config.kiali, config.versions) : undefined]),
  ];
}

export function chartReleases(config: StackConfig): ChartRelease[] {
  return sourcedChartReleases(config).map((release) => release.value);
}

const meshNamespaceList = (parts: MeshNamespaceObjects) => [
  parts.namespace,
  ...parts.peerAuthentications,
  ...parts.authorizationPolicies,
  parts.sidecar,
  ...parts.serviceEntries,
];

/** The key of the first service that runs as a ServiceAccount the stack creates, for messages about it. */
function serviceAccountKey(config: StackConfig, namespace: string, name: string): string {
  const index = config.services.findIndex((service) => service.namespace === namespace && serviceAccountOf(service) === name);
  return `services[${index}].serviceAccount`;
}

/** Every object the stack declares outside the charts, in the order the program registers them, with its key. */
export function sourcedStackObjects(config: StackConfig, webhookUrlOf: WebhookUrlOf): Sourced<K8sObject>[] {
  const graph = callGraph(config);
  const services = stackServices(config, graph);
  const flagger = flaggerObjects(config.flagger, scrapedMesh(config.istio), webhookUrlOf, canaryWatches(services));
  return [
    { value: controlPlaneNamespace(config.istio.namespace), key: "istio.namespace" },
    ...sourced("istio.ingressGateway", [gatewayNamespace(config.istio)]),
    ...gatewayObjects(config.istio).map((value, i) => ({ value, key: `istio.ingressGateway.gateways[${i}]` })),
    ...sourced(config.istio.accessLogs ? "istio.accessLogs" : "istio.tracing", [meshTelemetry(config.istio)]),
    ...sourced("flagger.namespace", [flaggerNamespace(config.flagger, config.istio)]),
    ...sourced("flagger.loadtesterNamespace", meshNamespaceList(meshNamespaceObjects(loadtesterNamespaceSpec(config)))),
    ...flagger.alerting.flatMap((parts, i) => sourced(`flagger.alertProviders[${i}]`, [parts.webhookSecret, parts.alertProvider])),
    ...sourced(
      "flagger.prometheusOperator",
      flagger.monitors
        ? [
            flagger.monitors.sidecars,
            flagger.monitors.ingressGateway,
            flagger.monitors.istiod,
            flagger.monitors.flagger,
            flagger.canaryAlertRule,
          ]
        : [],
    ),
    ...sourced("kiali.operatorNamespace", [config.kiali.enabled ? outOfMeshNamespace(config.kiali.operatorNamespace) : undefined]),
    ...sourced("kiali", [
      config.kiali.enabled ? kialiResource(config.kiali, config.istio.namespace, config.flagger.metricsServer) : undefined,
    ]),
    ...serviceNamespaceSpecs(config, graph).flatMap((spec, i) => {
      const parts = meshNamespaceObjects(spec);
      return [
        ...sourced(`namespaces[${i}]`, meshNamespaceList(parts)),
        ...parts.serviceAccounts.map((value) => ({ value, key: serviceAccountKey(config, spec.name, value.metadata.name) })),
      ];
    }),
    ...services.flatMap((built, i) => sourced(`services[${i}]`, serviceObjectList(built))),
  ];
}

/** Every object the stack declares outside the charts, in the order the program registers them. */
export function stackObjects(config: StackConfig, webhookUrlOf: WebhookUrlOf): K8sObject[] {
  return sourcedStackObjects(config, webhookUrlOf).map((object) => object.value);
}
