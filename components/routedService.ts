import * as pulumi from "@pulumi/pulumi";
import type { StaticServiceConfig } from "../infra/config/stackConfig";
import { registerObject } from "./registerObject";
import type { SecretValues } from "./secrecy";
import { staticServiceObjects } from "./specs/stack";

export interface RoutedServiceArgs {
  readonly service: StaticServiceConfig;
  /** What Istio config waits for: the `base` chart (CRDs) and the istiod charts (validation). */
  readonly istioConfigReady: readonly pulumi.Resource[];
  /** The service's mesh namespace (labelled, STRICT) must exist first. */
  readonly namespace: pulumi.Resource;
  /** Strings the user set as secrets (a webhook command with a token, say). @default none */
  readonly secretValues?: SecretValues;
}

/** A service with static routing: a DestinationRule (subsets, pools, outlier detection) and a VirtualService. */
export class RoutedService extends pulumi.ComponentResource {
  public readonly destinationRule: pulumi.CustomResource;
  public readonly virtualService: pulumi.CustomResource;

  constructor(name: string, args: RoutedServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("mesh:delivery:RoutedService", name, {}, opts);
    const objects = staticServiceObjects(args.service);
    const options = {
      parent: this,
      crdCharts: { "istio-base": args.istioConfigReady },
      dependsOn: [args.namespace],
      secretValues: args.secretValues,
    };
    this.destinationRule = registerObject(`${name}-destinationrule`, objects.destinationRule, options);
    // The routes refer to the rule's subsets; create the rule first (IST0101 otherwise, briefly).
    this.virtualService = registerObject(`${name}-virtualservice`, objects.virtualService, {
      ...options,
      dependsOn: [args.namespace, this.destinationRule],
    });
    this.registerOutputs({ destinationRule: this.destinationRule, virtualService: this.virtualService });
  }
}
