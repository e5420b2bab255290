/**
 * The three Istio charts with production values. Istio 1.24+ layout: istiod values are top level
 * (the old `pilot.*` prefix is silently ignored) and no `profile` is set, since the Helm charts
 * have no `default` profile file.
 */
import type { IstioConfig, VersionsConfig } from "../../infra/config";
import { CHART_REPOSITORIES } from "./versions";
import type { ChartRelease } from "./chartRelease";

/** CRDs and the default-revision validator. Its CRDs carry `helm.sh/resource-policy: keep`. */
export function istioBaseRelease(istio: IstioConfig, versions: VersionsConfig): ChartRelease {
  return {
    name: "istio-base",
    namespace: istio.namespace,
    repository: CHART_REPOSITORIES.istio,
    chart: "base",
    version: versions.istio,
    values: istio.revision ? { defaultRevision: istio.revision } : {},
  };
}

export function istiodRelease(istio: IstioConfig, versions: VersionsConfig): ChartRelease {
  return {
    name: "istiod",
    namespace: istio.namespace,
    repository: CHART_REPOSITORIES.istio,
    chart: "istiod",
    version: versions.istio,
    values: {
      ...(istio.revision ? { revision: istio.revision } : {}),
      // More than one replica is what makes the chart render istiod's PodDisruptionBudget.
      autoscaleEnabled: true,
      autoscaleMin: istio.istiodMinReplicas,
      autoscaleMax: istio.istiodMaxReplicas,
      resources: { requests: { cpu: "500m", memory: "2Gi" } },
      meshConfig: {
        ...(istio.accessLogs ? { accessLogFile: "/dev/stdout" } : {}),
        outboundTrafficPolicy: { mode: istio.outboundTrafficPolicy },
        // Apps start only once their sidecar is ready, so early requests do not fail.
        defaultConfig: { holdApplicationUntilProxyStarts: true },
      },
      global: { proxy: { resources: istio.proxyResources } },
    },
  };
}

/**
 * The ingress gateway behind an AWS NLB, created by the AWS Load Balancer Controller. The chart
 * has a strict values schema, so only keys it declares appear here.
 */
export function ingressGatewayRelease(istio: IstioConfig, versions: VersionsConfig): ChartRelease {
  const gateway = istio.ingressGateway;
  return {
    name: "istio-ingressgateway",
    namespace: gateway.namespace,
    repository: CHART_REPOSITORIES.istio,
    chart: "gateway",
    version: versions.istio,
    values: {
      ...(istio.revision ? { revision: istio.revision } : {}),
      autoscaling: { enabled: true, minReplicas: gateway.minReplicas, maxReplicas: gateway.maxReplicas },
      podDisruptionBudget: { minAvailable: 1 },
      service: {
        type: "LoadBalancer",
        annotations: {
          "service.beta.kubernetes.io/aws-load-balancer-type": "external",
          "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
          "service.beta.kubernetes.io/aws-load-balancer-scheme": gateway.scheme,
        },
      },
    },
  };
}
