/**
 * The three Istio charts with production values. Istio 1.24+ layout: istiod values are top level
 * (the old `pilot.*` prefix is silently ignored) and no `profile` is set, since the Helm charts
 * have no `default` profile file.
 */
import type { IstioConfig, VersionsConfig } from "../../infra/config";
import type { ChartRelease } from "./chartRelease";

/**
 * Both `base` and `istiod` render a validating webhook. Without `validationFailurePolicy` they
 * render `Ignore` on a fresh install, which is what `helm.v4.Chart` does on every run, while
 * istiod flips the live object to `Fail` once it serves: previews would never settle. `Fail` is
 * also the safe policy: invalid Istio config is refused rather than let through.
 * `global.istioNamespace` is where the charts look for istiod's Service (the default validator
 * calls it there), so it must be the namespace istiod is installed in.
 */
function validationValues(istio: IstioConfig): Record<string, unknown> {
  return { base: { validationFailurePolicy: "Fail" }, global: { istioNamespace: istio.namespace } };
}

/** CRDs and the default-revision validator. Its CRDs carry `helm.sh/resource-policy: keep`. */
export function istioBaseRelease(istio: IstioConfig, versions: VersionsConfig): ChartRelease {
  return {
    name: "istio-base",
    namespace: istio.namespace,
    repository: istio.chartRepository,
    chart: "base",
    version: versions.istio,
    values: {
      ...validationValues(istio),
      ...(istio.revision ? { defaultRevision: istio.revision } : {}),
    },
  };
}

export function istiodRelease(istio: IstioConfig, versions: VersionsConfig): ChartRelease {
  const shared = validationValues(istio);
  return {
    name: "istiod",
    namespace: istio.namespace,
    repository: istio.chartRepository,
    chart: "istiod",
    version: versions.istio,
    values: {
      ...shared,
      ...(istio.revision ? { revision: istio.revision } : {}),
      // istiod's image, and (global.hub) the proxy image injected into every pod.
      hub: istio.hub,
      global: { ...(shared.global as object), hub: istio.hub, proxy: { resources: istio.proxyResources } },
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
    },
  };
}

/**
 * The ingress gateway behind an AWS NLB, created by the AWS Load Balancer Controller. The chart
 * has a strict values schema, so only keys it declares appear here. Its Deployment uses
 * `image: auto`: istiod's injection webhook fills in the proxy image from istiod's `global.hub`.
 */
export function ingressGatewayRelease(istio: IstioConfig, versions: VersionsConfig): ChartRelease {
  const gateway = istio.ingressGateway;
  return {
    name: "istio-ingressgateway",
    namespace: gateway.namespace,
    repository: istio.chartRepository,
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
