import * as pulumi from "@pulumi/pulumi";
import type { ProgressiveServiceConfig, StackConfig } from "../infra/config/stackConfig";
import { registerObject } from "./registerObject";
import { serviceObjects } from "./specs/stack";

export interface CanariedServiceArgs {
  readonly service: ProgressiveServiceConfig;
  readonly config: StackConfig;
  /** The Flagger chart, which ships the Canary and MetricTemplate CRDs. */
  readonly flaggerCrds: pulumi.Resource;
  /** The service's mesh namespace (labelled, STRICT) must exist first. */
  readonly namespace: pulumi.Resource;
}

/**
 * A service delivered progressively by Flagger. Only the Canary (and its MetricTemplates) is
 * declared: Flagger generates and owns the service's VirtualService and DestinationRules.
 */
export class CanariedService extends pulumi.ComponentResource {
  public readonly canary: pulumi.CustomResource;
  public readonly metricTemplates: pulumi.CustomResource[];

  constructor(name: string, args: CanariedServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("mesh:delivery:CanariedService", name, {}, opts);
    const registered = serviceObjects(args.service, args.config).map((object) =>
      registerObject(object.kind === "Canary" ? `${name}-canary` : `${name}-metrictemplate-${object.metadata.name}`, object, {
        parent: this,
        crdCharts: { flagger: [args.flaggerCrds] },
        dependsOn: [args.namespace],
      }),
    );
    // serviceObjects lists the MetricTemplates first so that the Canary comes last.
    this.canary = registered[registered.length - 1];
    this.metricTemplates = registered.slice(0, -1);
    this.registerOutputs({ delivery: "progressive" });
  }
}
