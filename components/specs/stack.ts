/**
 * The whole stack as data: every chart release and every Kubernetes object, grouped the way the
 * components register them. Components call the per-group functions; the offline tools call
 * `stackObjects` and `chartReleases`; both therefore describe exactly the same mesh.
 */
import type { FlaggerConfig, ServiceConfig, StackConfig } from "../../infra/config/stackConfig";
import { slackAlertProvider, slackWebhookSecret } from "./alerting";
import { canary, metricTemplates } from "./canary";
import type { ChartRelease } from "./chartRelease";
import { destinationRule } from "./destinationRule";
import { flaggerRelease, loadtesterRelease } from "./flaggerCharts";
import { selectorOf } from "./controlPlane";
import { ingressGatewayRelease, istioBaseRelease, istiodReleases } from "./istioCharts";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { istiodServiceMonitor, sidecarPodMonitor } from "./monitoring";
import { LOADTESTER_SELECTOR } from "./names";
import { meshNamespace, plainNamespace } from "./namespace";
import { permissiveWorkloadMtls, strictMtls } from "./peerAuthentication";
import { virtualService } from "./virtualService";

export interface MeshNamespaceSpec {
  name: string;
  /** The tag or revision selected with `istio.io/rev`; without one the namespace gets `istio-injection=enabled`. */
  revision?: string;
  labels?: Record<string, string>;
  /** Workloads allowed plain text despite the namespace-wide STRICT mode. */
  permissiveWorkloads?: { name: string; selector: Record<string, string> }[];
}

/** Name of the PeerAuthentication that lets the load tester receive Flagger's webhooks. */
export const LOADTESTER_EXCEPTION_NAME = "loadtester-webhooks";

/** Namespace (labelled for injection) first, then its STRICT PeerAuthentication and exceptions. */
export function meshNamespaceObjects(spec: MeshNamespaceSpec): K8sObject[] {
  return [
    meshNamespace(spec.name, spec.revision, spec.labels),
    strictMtls(spec.name),
    ...(spec.permissiveWorkloads ?? []).map((workload) => permissiveWorkloadMtls(spec.name, workload.name, workload.selector)),
  ];
}

/** The load tester's namespace: in the mesh, STRICT, with the one workload exception it needs. */
export function loadtesterNamespaceSpec(config: StackConfig): MeshNamespaceSpec {
  return {
    name: config.flagger.loadtesterNamespace,
    revision: selectorOf(config.istio, config.flagger.loadtesterRevision),
    permissiveWorkloads: [{ name: LOADTESTER_EXCEPTION_NAME, selector: { ...LOADTESTER_SELECTOR } }],
  };
}

export function serviceNamespaceSpecs(config: StackConfig): MeshNamespaceSpec[] {
  return config.namespaces.map((ns) => ({ name: ns.name, revision: selectorOf(config.istio, ns.revision), labels: ns.labels }));
}

/** Slack alerting and Prometheus Operator monitors, when the stack asks for them. */
export function flaggerObjects(flagger: FlaggerConfig, istioNamespace: string, slackWebhookUrl: unknown): K8sObject[] {
  const objects: K8sObject[] = [];
  if (flagger.slack) {
    objects.push(slackWebhookSecret(flagger.namespace, slackWebhookUrl));
    objects.push(slackAlertProvider(flagger.namespace, flagger.slack.channel, flagger.slack.user));
  }
  const operator = flagger.prometheusOperator;
  if (operator) {
    objects.push(sidecarPodMonitor(operator.namespace, operator.labels));
    objects.push(istiodServiceMonitor(operator.namespace, istioNamespace, operator.labels));
  }
  return objects;
}

/** A progressive service is a Canary (plus its MetricTemplates); a static one is a DestinationRule and a VirtualService. */
export function serviceObjects(service: ServiceConfig, config: StackConfig): K8sObject[] {
  if (service.delivery === "progressive") {
    return [
      ...metricTemplates(service, config.flagger.metricsServer),
      canary(service, { flaggerNamespace: config.flagger.namespace, loadtesterNamespace: config.flagger.loadtesterNamespace }),
    ];
  }
  return [destinationRule(service), virtualService(service)];
}

/** Namespaces the platform runs in, outside the mesh: the control plane's, the gateway's, Flagger's. */
export function platformNamespaces(config: StackConfig): string[] {
  const names = [config.istio.namespace];
  if (config.istio.ingressGateway.enabled) {
    names.push(config.istio.ingressGateway.namespace);
  }
  names.push(config.flagger.namespace);
  return [...new Set(names)];
}

export function chartReleases(config: StackConfig): ChartRelease[] {
  const releases = [istioBaseRelease(config.istio, config.versions), ...istiodReleases(config.istio, config.versions)];
  if (config.istio.ingressGateway.enabled) {
    releases.push(ingressGatewayRelease(config.istio, config.versions));
  }
  releases.push(flaggerRelease(config.flagger, config.versions), loadtesterRelease(config.flagger, config.versions));
  return releases;
}

/** Every object the stack declares outside the charts, in the order the program registers them. */
export function stackObjects(config: StackConfig, slackWebhookUrl: unknown): K8sObject[] {
  return [
    ...platformNamespaces(config).map(plainNamespace),
    ...meshNamespaceObjects(loadtesterNamespaceSpec(config)),
    ...flaggerObjects(config.flagger, config.istio.namespace, slackWebhookUrl),
    ...serviceNamespaceSpecs(config).flatMap(meshNamespaceObjects),
    ...config.services.flatMap((service) => serviceObjects(service, config)),
  ];
}
