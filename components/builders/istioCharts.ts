/**
 * The three Istio charts with production values. Istio 1.24+ layout: istiod values are top level
 * (the old `pilot.*` prefix is silently ignored) and no `profile` is set, since the Helm charts
 * have no `default` profile file.
 */
import type { IstioConfig, VersionsConfig } from "../../infra/config/schema";
import { DEFAULT_REVISION, type RevisionSpec } from "../../infra/config/istioRevisions";
import type { ChartRelease } from "./chartRelease";
import { istiodRevisions, selectorOf, servingIstiod } from "./controlPlane";
import { INGRESS_GATEWAY_RELEASE } from "./names";
import { tracingProvider } from "./telemetry";

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

/**
 * CRDs and the default validator, which checks all Istio config against the istiod that
 * `istio.defaultRevision` resolves to. The chart's `defaultRevision` must name a revision, not a
 * tag: the validator calls the Service `istiod-<revision>`. The CRDs carry
 * `helm.sh/resource-policy: keep`; `versions.istio` is never older than any istiod, since Istio's
 * CRDs are backward compatible but not forward.
 */
export function istioBaseRelease(istio: IstioConfig, versions: VersionsConfig): ChartRelease {
  return {
    name: "istio-base",
    namespace: istio.namespace,
    repository: istio.chartRepository,
    chart: "base",
    version: versions.istio,
    // Since Istio 1.24 base renders its CRDs as templates (with helm.sh/resource-policy: keep).
    crds: "templates",
    values: {
      ...validationValues(istio),
      ...(istio.revisions ? { defaultRevision: servingIstiod(istio, versions, istio.defaultRevision).name } : {}),
    },
  };
}

/** Helm release name of an istiod: `istiod` for the control plane without a revision, else `istiod-<revision>`. */
function istiodReleaseName(revision: RevisionSpec): string {
  return revision.name === DEFAULT_REVISION ? "istiod" : `istiod-${revision.name}`;
}

/** One istiod chart per revision (or the one unrevisioned istiod), side by side in the control-plane namespace. */
export function istiodReleases(istio: IstioConfig, versions: VersionsConfig): ChartRelease[] {
  return istiodRevisions(istio, versions).map((revision) => istiodRelease(istio, revision));
}

/**
 * An istiod at its own version. `revisionTags` makes this chart render each tag's injection
 * webhook and Service, so the tags follow whichever revision lists them.
 */
function istiodRelease(istio: IstioConfig, revision: RevisionSpec): ChartRelease {
  const shared = validationValues(istio);
  return {
    name: istiodReleaseName(revision),
    namespace: istio.namespace,
    repository: istio.chartRepository,
    chart: "istiod",
    version: revision.version,
    values: {
      ...shared,
      ...(revision.name === DEFAULT_REVISION ? {} : { revision: revision.name }),
      ...(revision.tags.length > 0 ? { revisionTags: [...revision.tags] } : {}),
      // istiod's image, and (global.hub) the proxy image injected into every pod.
      hub: istio.hub,
      global: { ...(shared.global as object), hub: istio.hub, proxy: { resources: istio.proxyResources } },
      // More than one replica is what makes the chart render istiod's PodDisruptionBudget.
      autoscaleEnabled: true,
      autoscaleMin: istio.istiodMinReplicas,
      autoscaleMax: istio.istiodMaxReplicas,
      resources: { requests: { cpu: "500m", memory: "2Gi" } },
      meshConfig: {
        // Access logs and traces are switched on by the Telemetry API (telemetry.ts); the mesh only
        // declares where traces can go.
        ...(istio.tracing ? { extensionProviders: [tracingProvider(istio.tracing.collector)] } : {}),
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
 * `image: auto`: the istiod its `revision` selects injects the proxy (image from that istiod's
 * `global.hub`). The chart follows that istiod's version, so moving the gateway's tag to a new
 * revision upgrades the chart too.
 */
export function ingressGatewayRelease(istio: IstioConfig, versions: VersionsConfig): ChartRelease {
  const gateway = istio.ingressGateway;
  const selector = selectorOf(istio, gateway.revision);
  return {
    name: INGRESS_GATEWAY_RELEASE,
    namespace: gateway.namespace,
    repository: istio.chartRepository,
    chart: "gateway",
    version: servingIstiod(istio, versions, selector).version,
    values: {
      ...(istio.revisions && selector ? { revision: selector } : {}),
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
