import * as pulumi from "@pulumi/pulumi";
import { registerObject } from "./registerObject";
import type { SecretValues } from "./secrecy";
import type { StaticServiceObjects } from "./builders/stack";

export interface RoutedServiceArgs {
  /** What the builders made of the service: its DestinationRule, VirtualServices and guards (builders/stack.ts). */
  readonly objects: StaticServiceObjects;
  /** What Istio config waits for: the `base` chart (CRDs) and the istiod charts (validation). */
  readonly istioConfigReady: readonly pulumi.Resource[];
  /** The service's mesh namespace (labelled, STRICT, allowing nothing by default) must exist first. */
  readonly namespace: pulumi.Resource;
  /**
   * What an exposed service's ingress routes wait for besides the namespace: its Gateway.
   * @default none
   */
  readonly gateways?: readonly pulumi.Resource[];
  /** Strings the user set as secrets (a webhook command with a token, say). @default none */
  readonly secretValues?: SecretValues;
}

/**
 * A service with static routing: a DestinationRule (subsets, pools, outlier detection), a
 * VirtualService for the mesh and, when exposed, one for its ingress Gateway; who may call its
 * pods and their rate limit.
 */
export class RoutedService extends pulumi.ComponentResource {
  public readonly destinationRule: pulumi.CustomResource;
  public readonly virtualService: pulumi.CustomResource;
  public readonly ingressVirtualService?: pulumi.CustomResource;
  public readonly authorizationPolicies: readonly pulumi.CustomResource[];
  /** One per pod group: the control plane and exactly what the service calls. */
  public readonly sidecars: readonly pulumi.CustomResource[];
  public readonly rateLimitFilters: readonly pulumi.CustomResource[];

  constructor(name: string, args: RoutedServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("mesh:delivery:RoutedService", name, {}, opts);
    const objects = args.objects;
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
    if (objects.ingressVirtualService) {
      this.ingressVirtualService = registerObject(`${name}-ingress-virtualservice`, objects.ingressVirtualService, {
        ...options,
        dependsOn: [args.namespace, this.destinationRule, ...(args.gateways ?? [])],
      });
    }
    this.authorizationPolicies = objects.authorizationPolicies.map((policy) =>
      registerObject(`${name}-authz-${policy.metadata.name}`, policy, options),
    );
    this.sidecars = objects.sidecars.map((sidecar) => registerObject(`${name}-sidecar-${sidecar.metadata.name}`, sidecar, options));
    this.rateLimitFilters = objects.rateLimitFilters.map((filter) =>
      registerObject(`${name}-envoyfilter-${filter.metadata.name}`, filter, options),
    );
    this.registerOutputs({
      destinationRule: this.destinationRule,
      virtualService: this.virtualService,
      ingressVirtualService: this.ingressVirtualService,
      authorizationPolicies: this.authorizationPolicies,
      sidecars: this.sidecars,
      rateLimitFilters: this.rateLimitFilters,
    });
  }
}
