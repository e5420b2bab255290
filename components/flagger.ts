import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { configKeyPath, SLACK_WEBHOOK_URL_KEY } from "../infra/config/keys";
import { type StackConfig } from "../infra/config/stackConfig";
import { installChart } from "./chart";
import { MeshNamespace } from "./meshNamespace";
import { registerObject } from "./registerObject";
import { flaggerRelease, loadtesterRelease } from "./specs/flaggerCharts";
import { plainNamespace } from "./specs/namespace";
import { flaggerObjects, loadtesterNamespaceSpec } from "./specs/stack";

export interface FlaggerArgs {
  readonly config: StackConfig;
  /** What Istio config waits for (the load tester's PeerAuthentications): `base` and the istiod charts. */
  readonly istioConfigReady: readonly pulumi.Resource[];
  /** The istiod charts: the load tester's sidecar is injected by their webhooks, so they must run first. */
  readonly istiods: readonly pulumi.Resource[];
  /** Flagger's namespace when another component already created it (e.g. istio-system). */
  readonly existingNamespace?: pulumi.Resource;
  /** The Slack incoming-webhook URL, as a Pulumi secret. Required when `flagger.slack` is set. */
  readonly slackWebhookUrl?: pulumi.Input<string>;
}

/**
 * Flagger (Istio provider) and its load tester inside the mesh, plus Slack alerting and the
 * Prometheus Operator monitors when the stack asks for them.
 */
export class Flagger extends pulumi.ComponentResource {
  /** The chart that ships Flagger's CRDs: every Canary, MetricTemplate and AlertProvider depends on it. */
  public readonly chart: k8s.helm.v4.Chart;
  public readonly loadtester: k8s.helm.v4.Chart;
  public readonly loadtesterNamespace: MeshNamespace;
  public readonly extras: pulumi.CustomResource[];

  constructor(name: string, args: FlaggerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("mesh:flagger:Flagger", name, {}, opts);
    const { config } = args;
    if (config.flagger.slack && args.slackWebhookUrl === undefined) {
      throw new Error(
        `${configKeyPath([SLACK_WEBHOOK_URL_KEY])} is required when flagger.slack is set: run \`pulumi config set --secret ${SLACK_WEBHOOK_URL_KEY} <url>\``,
      );
    }

    const namespace =
      args.existingNamespace ??
      registerObject(`${name}-namespace`, plainNamespace(config.flagger.namespace), { parent: this, crdCharts: {} });

    this.chart = installChart(`${name}`, flaggerRelease(config.flagger, config.versions), {
      parent: this,
      dependsOn: [namespace, ...args.istiods],
      protect: config.protectCrdCharts,
    });

    this.loadtesterNamespace = new MeshNamespace(
      config.flagger.loadtesterNamespace,
      { spec: loadtesterNamespaceSpec(config), istioConfigReady: args.istioConfigReady },
      { parent: this },
    );
    this.loadtester = installChart(`${name}-loadtester`, loadtesterRelease(config.flagger, config.versions), {
      parent: this,
      dependsOn: [this.loadtesterNamespace, ...args.istiods],
    });

    const objects = flaggerObjects(config.flagger, config.istio.namespace, args.slackWebhookUrl);
    this.extras = objects.map((object) =>
      registerObject(`${name}-${object.metadata.name}`, object, {
        parent: this,
        crdCharts: { flagger: [this.chart] },
        dependsOn: object.metadata.namespace === config.flagger.namespace ? [namespace] : [],
      }),
    );

    this.registerOutputs({ version: config.versions.flagger });
  }
}
