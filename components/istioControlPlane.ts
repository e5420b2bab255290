import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { IstioConfig, VersionsConfig } from "../infra/config";
import { installChart } from "./chart";
import { registerObject } from "./registerObject";
import { ingressGatewayRelease, istioBaseRelease, istiodRelease } from "./specs/istioCharts";
import { plainNamespace } from "./specs/namespace";
import { ignoreIstiodWebhookDrift } from "./webhookDrift";

export interface IstioControlPlaneArgs {
  readonly istio: IstioConfig;
  readonly versions: VersionsConfig;
  /** Protect the `base` chart (Istio's CRDs) from deletion and replacement. @default true */
  readonly protectCrdChart?: boolean;
}

/**
 * Istio installed from its Helm charts in order: `base` (CRDs) → `istiod` → the optional ingress
 * `gateway`, whose Deployment uses `image: auto` that only istiod's injection webhook fills in.
 */
export class IstioControlPlane extends pulumi.ComponentResource {
  /** The chart that ships Istio's CRDs: every Istio custom resource depends on it. */
  public readonly base: k8s.helm.v4.Chart;
  public readonly istiod: k8s.helm.v4.Chart;
  /**
   * What every Istio custom resource waits for: the CRDs (`base`) and istiod, whose validating
   * webhook admits Istio config and refuses it (`failurePolicy: Fail`) until istiod serves.
   */
  public readonly configReady: readonly pulumi.Resource[];
  public readonly ingressGateway?: k8s.helm.v4.Chart;
  /** The namespaces this component created, by name, for other platform pieces to reuse. */
  public readonly namespaces: Readonly<Record<string, pulumi.Resource>>;

  constructor(name: string, args: IstioControlPlaneArgs, opts?: pulumi.ComponentResourceOptions) {
    super("mesh:istio:ControlPlane", name, {}, opts);
    const { istio, versions } = args;
    const protectCrdChart = args.protectCrdChart ?? true;
    const options = { parent: this, crdCharts: {} };

    const systemNamespace = registerObject(`${name}-namespace`, plainNamespace(istio.namespace), options);
    const namespaces: Record<string, pulumi.Resource> = { [istio.namespace]: systemNamespace };

    this.base = installChart(`${name}-base`, istioBaseRelease(istio, versions), {
      parent: this,
      dependsOn: [systemNamespace],
      protect: protectCrdChart,
      transforms: [ignoreIstiodWebhookDrift],
    });
    this.istiod = installChart(`${name}-istiod`, istiodRelease(istio, versions), {
      parent: this,
      dependsOn: [this.base],
      transforms: [ignoreIstiodWebhookDrift],
    });

    this.configReady = [this.base, this.istiod];

    if (istio.ingressGateway.enabled) {
      const gatewayNamespace =
        namespaces[istio.ingressGateway.namespace] ??
        registerObject(`${name}-gateway-namespace`, plainNamespace(istio.ingressGateway.namespace), options);
      namespaces[istio.ingressGateway.namespace] = gatewayNamespace;
      this.ingressGateway = installChart(`${name}-gateway`, ingressGatewayRelease(istio, versions), {
        parent: this,
        dependsOn: [gatewayNamespace, this.istiod],
      });
    }

    this.namespaces = namespaces;
    this.registerOutputs({ namespaces: Object.keys(namespaces) });
  }
}
