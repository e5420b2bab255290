import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { IstioConfig, VersionsConfig } from "../infra/config/schema";
import { installChart } from "./chart";
import { registerObject } from "./registerObject";
import type { SecretValues } from "./secrecy";
import { ingressGatewayRelease, istioBaseRelease, istiodReleases } from "./builders/istioCharts";
import { controlPlaneNamespace } from "./builders/namespace";
import { gatewayNamespace, gatewayObjects } from "./builders/stack";
import { meshTelemetry } from "./builders/telemetry";
import { ignoreIstiodWebhookDrift } from "./webhookDrift";

export interface IstioControlPlaneArgs {
  readonly istio: IstioConfig;
  readonly versions: VersionsConfig;
  /** Protect the `base` chart (Istio's CRDs) from deletion and replacement. @default true */
  readonly protectCrdChart?: boolean;
  /** Strings the user set as secrets (a chart repository with credentials, say). @default none */
  readonly secretValues?: SecretValues;
}

/**
 * Istio installed from its Helm charts in order: `base` (CRDs) → one `istiod` per revision → the
 * optional ingress `gateway`, whose Deployment uses `image: auto` that only istiod's injection
 * webhook fills in.
 */
export class IstioControlPlane extends pulumi.ComponentResource {
  /** The chart that ships Istio's CRDs: every Istio custom resource depends on it. */
  public readonly base: k8s.helm.v4.Chart;
  /** One istiod chart per revision, in the order of `istio.revisions` (one chart without revisions). */
  public readonly istiods: readonly k8s.helm.v4.Chart[];
  /**
   * What every Istio custom resource waits for: the CRDs (`base`) and every istiod, whose
   * validating webhooks admit Istio config and refuse it (`failurePolicy: Fail`) until they serve.
   */
  public readonly configReady: readonly pulumi.Resource[];
  public readonly ingressGateway?: k8s.helm.v4.Chart;
  /** The Istio Gateways on the ingress gateway, by name. */
  public readonly gateways: Readonly<Record<string, pulumi.CustomResource>>;
  /** The mesh-wide Telemetry (access logs, traces), when either is on. */
  public readonly telemetry?: pulumi.CustomResource;
  /** The namespaces this component created, by name, for other platform pieces to reuse. */
  public readonly namespaces: Readonly<Record<string, pulumi.Resource>>;

  constructor(name: string, args: IstioControlPlaneArgs, opts?: pulumi.ComponentResourceOptions) {
    // The type token follows the class name; the alias keeps stacks created under the old token.
    super("mesh:istio:IstioControlPlane", name, {}, { ...opts, aliases: [...(opts?.aliases ?? []), { type: "mesh:istio:ControlPlane" }] });
    const { istio, versions } = args;
    const protectCrdChart = args.protectCrdChart ?? true;
    const options = { parent: this, crdCharts: {} };

    const systemNamespace = registerObject(`${name}-namespace`, controlPlaneNamespace(istio.namespace), options);
    const namespaces: Record<string, pulumi.Resource> = { [istio.namespace]: systemNamespace };

    this.base = installChart(
      `${name}-base`,
      istioBaseRelease(istio, versions),
      {
        parent: this,
        dependsOn: [systemNamespace],
        protect: protectCrdChart,
        transforms: [ignoreIstiodWebhookDrift],
      },
      { secretValues: args.secretValues },
    );
    // Every istiod chart names its objects with one shared prefix. A revision tag's webhook and
    // Service (`istio-revision-tag-<tag>`) are then the same Pulumi resources whichever istiod
    // renders them, so moving a tag to another revision updates them in place. With a prefix per
    // chart, the move would create them under the new chart before deleting them under the old
    // one: pulumi-kubernetes refuses to create an object that exists ("already exists"), and with
    // `upsertExistingObjects` the old chart's delete would remove the live tag afterwards.
    // Revisions' other objects carry the revision in their names, so they never collide.
    this.istiods = istiodReleases(istio, versions).map((release) =>
      installChart(
        `${name}-${release.name}`,
        release,
        { parent: this, dependsOn: [this.base], transforms: [ignoreIstiodWebhookDrift] },
        { resourcePrefix: `${name}-istiod`, secretValues: args.secretValues },
      ),
    );
    this.configReady = [this.base, ...this.istiods];

    if (istio.ingressGateway.enabled) {
      const ownNamespace = gatewayNamespace(istio);
      const gatewayNamespaceResource = ownNamespace
        ? registerObject(`${name}-gateway-namespace`, ownNamespace, options)
        : namespaces[istio.ingressGateway.namespace];
      namespaces[istio.ingressGateway.namespace] = gatewayNamespaceResource;
      this.ingressGateway = installChart(
        `${name}-gateway`,
        ingressGatewayRelease(istio, versions),
        {
          parent: this,
          dependsOn: [gatewayNamespaceResource, ...this.istiods],
        },
        { secretValues: args.secretValues },
      );
    }
    const gateways: Record<string, pulumi.CustomResource> = {};
    for (const gateway of gatewayObjects(istio)) {
      gateways[gateway.metadata.name] = registerObject(`${name}-gateway-${gateway.metadata.name}`, gateway, {
        parent: this,
        crdCharts: { "istio-base": this.configReady },
        dependsOn: [namespaces[istio.ingressGateway.namespace]],
      });
    }
    this.gateways = gateways;
    const telemetry = meshTelemetry(istio);
    this.telemetry = telemetry
      ? registerObject(`${name}-telemetry`, telemetry, {
          parent: this,
          crdCharts: { "istio-base": this.configReady },
          dependsOn: [systemNamespace],
        })
      : undefined;

    this.namespaces = namespaces;
    this.registerOutputs({
      base: this.base,
      istiods: this.istiods,
      ingressGateway: this.ingressGateway,
      gateways: this.gateways,
      telemetry: this.telemetry,
      namespaces: this.namespaces,
    });
  }
}
