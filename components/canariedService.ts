import * as pulumi from "@pulumi/pulumi";
import { registerObject } from "./registerObject";
import type { SecretValues } from "./secrecy";
import type { ProgressiveServiceObjects } from "./builders/stack";

export interface CanariedServiceArgs {
  /** What the builders made of the service: its Canary, MetricTemplates, HPA and guards (builders/stack.ts). */
  readonly objects: ProgressiveServiceObjects;
  /** The Flagger chart, which ships the Canary and MetricTemplate CRDs. */
  readonly flaggerCrds: pulumi.Resource;
  /** What Istio config waits for: the `base` chart (CRDs) and the istiod charts (validation). */
  readonly istioConfigReady: readonly pulumi.Resource[];
  /** The service's mesh namespace (labelled, STRICT, allowing nothing by default) must exist first. */
  readonly namespace: pulumi.Resource;
  /** Strings the user set as secrets (a webhook command with a token, say). @default none */
  readonly secretValues?: SecretValues;
}

/**
 * A service delivered progressively by Flagger. The Canary (and its MetricTemplates) is declared,
 * with who may call its pods and their rate limit: Flagger generates and owns the service's
 * VirtualService and DestinationRules.
 */
export class CanariedService extends pulumi.ComponentResource {
  public readonly canary: pulumi.CustomResource;
  public readonly metricTemplates: readonly pulumi.CustomResource[];
  /** The HPA the Canary names as its autoscalerRef, when the service has an autoscaler. */
  public readonly autoscaler?: pulumi.CustomResource;
  /** One per pod group (canary, primary) that anybody may call. */
  public readonly authorizationPolicies: readonly pulumi.CustomResource[];
  /** One per pod group: the control plane and exactly what the service calls. */
  public readonly sidecars: readonly pulumi.CustomResource[];
  /** One per pod group when the service has a rate limit. */
  public readonly rateLimitFilters: readonly pulumi.CustomResource[];

  constructor(name: string, args: CanariedServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("mesh:delivery:CanariedService", name, {}, opts);
    const objects = args.objects;
    const flaggerOptions = {
      parent: this,
      crdCharts: { flagger: [args.flaggerCrds] },
      dependsOn: [args.namespace],
      secretValues: args.secretValues,
    };
    const istioOptions = {
      parent: this,
      crdCharts: { "istio-base": args.istioConfigReady },
      dependsOn: [args.namespace],
      secretValues: args.secretValues,
    };
    this.autoscaler = objects.autoscaler
      ? registerObject(`${name}-hpa`, objects.autoscaler, { parent: this, crdCharts: {}, dependsOn: [args.namespace] })
      : undefined;
    this.metricTemplates = objects.metricTemplates.map((template) =>
      registerObject(`${name}-metrictemplate-${template.metadata.name}`, template, flaggerOptions),
    );
    this.canary = registerObject(`${name}-canary`, objects.canary, {
      ...flaggerOptions,
      // The Canary refers to its MetricTemplates and its HPA; let them exist first.
      dependsOn: [args.namespace, ...this.metricTemplates, ...(this.autoscaler ? [this.autoscaler] : [])],
    });
    this.authorizationPolicies = objects.authorizationPolicies.map((policy) =>
      registerObject(`${name}-authz-${policy.metadata.name}`, policy, istioOptions),
    );
    this.sidecars = objects.sidecars.map((sidecar) => registerObject(`${name}-sidecar-${sidecar.metadata.name}`, sidecar, istioOptions));
    this.rateLimitFilters = objects.rateLimitFilters.map((filter) =>
      registerObject(`${name}-envoyfilter-${filter.metadata.name}`, filter, istioOptions),
    );
    this.registerOutputs({
      canary: this.canary,
      metricTemplates: this.metricTemplates,
      autoscaler: this.autoscaler,
      authorizationPolicies: this.authorizationPolicies,
      sidecars: this.sidecars,
      rateLimitFilters: this.rateLimitFilters,
    });
  }
}
