import * as pulumi from "@pulumi/pulumi";
import type { ProgressiveServiceConfig } from "../infra/config/stackConfig";
import { registerObject } from "./registerObject";
import type { SecretValues } from "./secrecy";
import type { CanaryContext } from "./specs/canary";
import { progressiveServiceObjects } from "./specs/stack";

export interface CanariedServiceArgs {
  readonly service: ProgressiveServiceConfig;
  /** Flagger's namespace, the load tester's and the Prometheus the Canary refers to. */
  readonly context: CanaryContext;
  /** The Flagger chart, which ships the Canary and MetricTemplate CRDs. */
  readonly flaggerCrds: pulumi.Resource;
  /** The service's mesh namespace (labelled, STRICT) must exist first. */
  readonly namespace: pulumi.Resource;
  /** Strings the user set as secrets (a webhook command with a token, say). @default none */
  readonly secretValues?: SecretValues;
}

/**
 * A service delivered progressively by Flagger. Only the Canary (and its MetricTemplates) is
 * declared: Flagger generates and owns the service's VirtualService and DestinationRules.
 */
export class CanariedService extends pulumi.ComponentResource {
  public readonly canary: pulumi.CustomResource;
  public readonly metricTemplates: readonly pulumi.CustomResource[];

  constructor(name: string, args: CanariedServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("mesh:delivery:CanariedService", name, {}, opts);
    const objects = progressiveServiceObjects(args.service, args.context);
    const options = {
      parent: this,
      crdCharts: { flagger: [args.flaggerCrds] },
      dependsOn: [args.namespace],
      secretValues: args.secretValues,
    };
    this.metricTemplates = objects.metricTemplates.map((template) =>
      registerObject(`${name}-metrictemplate-${template.metadata.name}`, template, options),
    );
    // The Canary refers to its MetricTemplates; let them exist first.
    this.canary = registerObject(`${name}-canary`, objects.canary, { ...options, dependsOn: [args.namespace, ...this.metricTemplates] });
    this.registerOutputs({ canary: this.canary, metricTemplates: this.metricTemplates });
  }
}
