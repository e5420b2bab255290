/**
 * A progressive service as a Flagger Canary. Flagger creates and owns the service's routing
 * (VirtualService `<name>`, DestinationRules `<name>-primary`/`<name>-canary`), so retries,
 * timeouts, header matches and traffic policy are all expressed here, never as separate objects.
 */
import { SESSION_AFFINITY_DEFAULTS, type ProgressiveServiceConfig } from "../../infra/config/schema";
import { matchEntries } from "../../policies/vocabulary/abMatch";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { API_VERSIONS } from "./apiVersions";
import { canaryAlerts } from "./alerting";
import { loadtesterUrl } from "./names";
import type { AlertRouteConfig } from "../../infra/config/schema";
import { canaryExposure } from "./ingress";
import { httpRetries, meshTrafficPolicy } from "./trafficPolicy";

/** Where the Canary finds the platform pieces it refers to. */
export interface CanaryContext {
  flaggerNamespace: string;
  loadtesterNamespace: string;
  /** The Prometheus that custom metrics' MetricTemplates query. */
  metricsServer: string;
  /** The ingress gateway's namespace, where the Gateways an exposed service names live. */
  gatewayNamespace: string;
  /** The alerts every canary sends (`flagger.alerts`), unless it sets `alerts: false`. */
  alerts: readonly AlertRouteConfig[];
}

/** Name of the MetricTemplate for a service's custom metric. */
function metricTemplateName(serviceName: string, metricName: string): string {
  return `${serviceName}-${metricName}`;
}

export function canary(service: ProgressiveServiceConfig, context: CanaryContext): K8sObject {
  const analysisConfig = service.canary;
  const serviceSpec: Record<string, unknown> = {
    port: service.port,
    ...(service.targetPort !== undefined ? { targetPort: service.targetPort } : {}),
    ...canaryExposure(service, context.gatewayNamespace),
    trafficPolicy: meshTrafficPolicy(service.trafficPolicy, false),
  };
  if (service.timeout) {
    serviceSpec.timeout = service.timeout;
  }
  if (service.retries) {
    serviceSpec.retries = httpRetries(service.retries);
  }

  return {
    apiVersion: API_VERSIONS.canary,
    kind: "Canary",
    metadata: { name: service.name, namespace: service.namespace },
    spec: {
      provider: "istio",
      targetRef: { apiVersion: "apps/v1", kind: "Deployment", name: service.name },
      ...(service.autoscaler
        ? { autoscalerRef: { apiVersion: API_VERSIONS.horizontalPodAutoscaler, kind: "HorizontalPodAutoscaler", name: service.name } }
        : {}),
      progressDeadlineSeconds: analysisConfig.progressDeadlineSeconds,
      revertOnDeletion: analysisConfig.revertOnDeletion,
      service: serviceSpec,
      analysis: {
        interval: analysisConfig.interval,
        threshold: analysisConfig.threshold,
        ...trafficShifting(service),
        metrics: metrics(service),
        ...webhooksOf(service, context),
        ...(analysisConfig.alerts ? { alerts: canaryAlerts(context.alerts, context.flaggerNamespace) } : {}),
      },
    },
  };
}

/** How the strategy moves traffic, in Flagger's analysis fields (https://docs.flagger.app/usage/deployment-strategies). */
function trafficShifting(service: ProgressiveServiceConfig): Record<string, unknown> {
  const config = service.canary;
  const weights = () => ({
    maxWeight: config.maxWeight,
    ...(config.stepWeights ? { stepWeights: [...config.stepWeights] } : { stepWeight: config.stepWeight }),
  });
  switch (config.strategy) {
    case "weighted":
      return weights();
    case "sessionAffinity":
      return { ...weights(), sessionAffinity: { ...SESSION_AFFINITY_DEFAULTS, ...config.sessionAffinity } };
    case "blueGreen":
      return { iterations: config.iterations };
    case "abTest":
      return { iterations: config.iterations, match: matchEntries(config.match) };
    case "mirroring":
      return {
        iterations: config.iterations,
        mirror: true,
        ...(config.mirrorWeight !== undefined ? { mirrorWeight: config.mirrorWeight } : {}),
      };
  }
}

/** Flagger's built-in Istio metrics (success rate in percent, P99 latency in ms) plus custom ones. */
function metrics(service: ProgressiveServiceConfig): Record<string, unknown>[] {
  const config = service.canary;
  const builtIn = [
    { name: "request-success-rate", thresholdRange: { min: config.successRateMin }, interval: config.interval },
    { name: "request-duration", thresholdRange: { max: config.latencyP99MaxMs }, interval: config.interval },
  ];
  const custom = config.metrics.map((metric) => ({
    name: metric.name,
    templateRef: { name: metricTemplateName(service.name, metric.name), namespace: service.namespace },
    thresholdRange: {
      ...(metric.min !== undefined ? { min: metric.min } : {}),
      ...(metric.max !== undefined ? { max: metric.max } : {}),
    },
    interval: metric.interval ?? config.interval,
  }));
  return [...builtIn, ...custom];
}

/** Smoke test before any traffic shifts (pre-rollout) and load during the analysis (rollout). */
function webhooksOf(service: ProgressiveServiceConfig, context: CanaryContext): Record<string, unknown> {
  const url = loadtesterUrl(context.loadtesterNamespace);
  const webhooks: Record<string, unknown>[] = [];
  const { smokeTest, loadTest } = service.canary;
  if (smokeTest) {
    webhooks.push({
      name: "smoke-test",
      type: "pre-rollout",
      url,
      timeout: smokeTest.timeout,
      metadata: { type: "bash", cmd: smokeTest.command },
    });
  }
  if (loadTest) {
    webhooks.push({ name: "load-test", type: "rollout", url, timeout: loadTest.timeout, metadata: { type: "cmd", cmd: loadTest.command } });
  }
  return webhooks.length > 0 ? { webhooks } : {};
}

/** One MetricTemplate per custom metric, querying the same Prometheus as Flagger. */
export function metricTemplates(service: ProgressiveServiceConfig, metricsServer: string): K8sObject[] {
  return service.canary.metrics.map((metric) => ({
    apiVersion: API_VERSIONS.metricTemplate,
    kind: "MetricTemplate",
    metadata: { name: metricTemplateName(service.name, metric.name), namespace: service.namespace },
    spec: { provider: { type: "prometheus", address: metricsServer }, query: metric.query },
  }));
}
