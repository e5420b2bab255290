import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ALERT_WEBHOOK_URLS_KEY, configKeyPath, setAlertWebhookCommand } from "../infra/config/keys";
import type { FlaggerConfig, VersionsConfig } from "../infra/config/schema";
import { installChart } from "./chart";
import { MeshNamespace } from "./meshNamespace";
import { registerObject } from "./registerObject";
import type { SecretValues } from "./secrecy";
import type { CanaryWatch } from "./builders/canarySignals";
import { flaggerRelease, loadtesterRelease } from "./builders/flaggerCharts";
import { outOfMeshNamespace } from "./builders/namespace";
import { flaggerObjects, type MeshNamespaceSpec } from "./builders/stack";
import type { K8sObject } from "../policies/vocabulary/k8sObject";

export interface FlaggerArgs {
  readonly flagger: FlaggerConfig;
  readonly versions: Pick<VersionsConfig, "flagger" | "loadtester">;
  /** Istio's control-plane namespace, where the istiod ServiceMonitor looks. */
  readonly istioNamespace: string;
  /** The ingress gateway's namespace, whose pods the monitors scrape. @default none: no ingress gateway */
  readonly ingressGatewayNamespace?: string;
  /** The load tester's mesh namespace: its injection selection and the webhook exception. */
  readonly loadtesterNamespace: MeshNamespaceSpec;
  /** What Istio config waits for (the load tester's PeerAuthentications): `base` and the istiod charts. */
  readonly istioConfigReady: readonly pulumi.Resource[];
  /** The istiod charts: the load tester's sidecar is injected by their webhooks, so they must run first. */
  readonly istiods: readonly pulumi.Resource[];
  /**
   * Protect the `flagger` chart (Flagger's CRDs, and with them every Canary) from deletion and
   * replacement. @default true
   */
  readonly protectCrdChart?: boolean;
  /**
   * Flagger's namespace when another component already created it (e.g. istio-system).
   * @default undefined: this component creates the namespace
   */
  readonly existingNamespace?: pulumi.Resource;
  /**
   * The alert providers' webhook URLs by provider name, as a Pulumi secret; one for each of
   * `flagger.alertProviders`. @default undefined: no alert providers
   */
  readonly alertWebhookUrls?: pulumi.Output<Record<string, string>>;
  /** Strings the user set as secrets (a Prometheus URL with credentials, say). @default none */
  readonly secretValues?: SecretValues;
  /**
   * The stack's Canaries, each with how long it may stay in analysis: with the Prometheus
   * Operator, the alert rule fires for one that stays longer. @default none
   */
  readonly canaryWatches?: readonly CanaryWatch[];
}

/**
 * Flagger (Istio provider) and its load tester inside the mesh, plus the alert providers, and the
 * Prometheus Operator monitors and canary alert rule when the stack asks for them.
 */
export class Flagger extends pulumi.ComponentResource {
  /** The chart that ships Flagger's CRDs: every Canary, MetricTemplate and AlertProvider depends on it. */
  public readonly chart: k8s.helm.v4.Chart;
  public readonly loadtester: k8s.helm.v4.Chart;
  public readonly loadtesterNamespace: MeshNamespace;
  /** Per alert provider, the Secret holding its webhook URL and the AlertProvider reading it. */
  public readonly alerting: readonly { webhookSecret: pulumi.CustomResource; alertProvider: pulumi.CustomResource }[];
  /** The Prometheus Operator monitors for the sidecars, the ingress gateway, istiod and Flagger, when the operator is present. */
  public readonly monitors?: {
    sidecars: pulumi.CustomResource;
    ingressGateway?: pulumi.CustomResource;
    istiod: pulumi.CustomResource;
    flagger: pulumi.CustomResource;
  };
  /** The PrometheusRule alerting on failed and stalled canaries, when the operator is present. */
  public readonly canaryAlertRule?: pulumi.CustomResource;

  constructor(name: string, args: FlaggerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("mesh:flagger:Flagger", name, {}, opts);
    const { flagger } = args;
    const urls = args.alertWebhookUrls;
    if (flagger.alertProviders.length > 0 && urls === undefined) {
      const first = flagger.alertProviders[0].name;
      throw new pulumi.ResourceError(
        `${configKeyPath([ALERT_WEBHOOK_URLS_KEY])} is required for flagger.alertProviders: run \`${setAlertWebhookCommand(first)}\` for each`,
        this,
      );
    }

    const namespace =
      args.existingNamespace ?? registerObject(`${name}-namespace`, outOfMeshNamespace(flagger.namespace), { parent: this, crdCharts: {} });

    this.chart = installChart(
      name,
      flaggerRelease(flagger, args.versions),
      {
        parent: this,
        dependsOn: [namespace, ...args.istiods],
        protect: args.protectCrdChart ?? true,
      },
      { secretValues: args.secretValues },
    );

    this.loadtesterNamespace = new MeshNamespace(
      args.loadtesterNamespace.name,
      { spec: args.loadtesterNamespace, istioConfigReady: args.istioConfigReady },
      { parent: this },
    );
    this.loadtester = installChart(
      `${name}-loadtester`,
      loadtesterRelease(flagger, args.versions),
      {
        parent: this,
        dependsOn: [this.loadtesterNamespace, ...args.istiods],
      },
      { secretValues: args.secretValues },
    );

    // Children are named after their objects, as they always were (renaming would replace them).
    // Each URL stays a secret: it is read from the secret map inside an Output.
    const objects = flaggerObjects(
      flagger,
      { istioNamespace: args.istioNamespace, ingressGatewayNamespace: args.ingressGatewayNamespace },
      (provider) => urls?.apply((all) => all[provider]),
      args.canaryWatches ?? [],
    );
    const register = (object: K8sObject, dependsOn: pulumi.Resource[]) =>
      registerObject(`${name}-${object.metadata.name}`, object, {
        parent: this,
        crdCharts: { flagger: [this.chart] },
        dependsOn,
        secretValues: args.secretValues,
      });
    this.alerting = objects.alerting.map((parts) => ({
      webhookSecret: register(parts.webhookSecret, [namespace]),
      alertProvider: register(parts.alertProvider, [namespace]),
    }));
    if (objects.monitors) {
      const gatewayMonitor = objects.monitors.ingressGateway;
      this.monitors = {
        sidecars: register(objects.monitors.sidecars, []),
        ...(gatewayMonitor ? { ingressGateway: register(gatewayMonitor, []) } : {}),
        istiod: register(objects.monitors.istiod, []),
        flagger: register(objects.monitors.flagger, []),
      };
    }
    if (objects.canaryAlertRule) {
      this.canaryAlertRule = register(objects.canaryAlertRule, []);
    }

    this.registerOutputs({
      chart: this.chart,
      loadtester: this.loadtester,
      loadtesterNamespace: this.loadtesterNamespace,
      alerting: this.alerting,
      monitors: this.monitors,
      canaryAlertRule: this.canaryAlertRule,
    });
  }
}
