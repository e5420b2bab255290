import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { KialiConfig, VersionsConfig } from "../infra/config/schema";
import { installChart } from "./chart";
import { retainCustomResourceDefinitions } from "./crdRetention";
import { registerObject } from "./registerObject";
import type { SecretValues } from "./secrecy";
import { kialiOperatorRelease, kialiResource } from "./builders/kiali";
import { outOfMeshNamespace } from "./builders/namespace";

export interface KialiArgs {
  readonly kiali: KialiConfig;
  readonly versions: Pick<VersionsConfig, "kiali">;
  /** The control plane's namespace, where Kiali runs, and the resource that creates it. */
  readonly istioNamespace: string;
  readonly istioNamespaceResource: pulumi.Resource;
  /** The stack's Prometheus, which holds the Istio metrics Kiali draws its graph from. */
  readonly prometheusUrl: string;
  /**
   * Protect the operator chart (the `Kiali` CRD, and with it the `Kiali` resource) from deletion
   * and replacement. @default true
   */
  readonly protectCrdChart?: boolean;
  /** Strings the user set as secrets (a Prometheus URL with credentials, say). @default none */
  readonly secretValues?: SecretValues;
}

/** The Kiali operator in a namespace of its own, outside the mesh, and the `Kiali` it runs. */
export class Kiali extends pulumi.ComponentResource {
  /** The chart that ships the `Kiali` CRD; the `Kiali` resource depends on it. */
  public readonly operator: k8s.helm.v4.Chart;
  /** The `Kiali` resource: the console the operator installs in the control plane's namespace. */
  public readonly instance: pulumi.CustomResource;

  constructor(name: string, args: KialiArgs, opts?: pulumi.ComponentResourceOptions) {
    super("mesh:observability:Kiali", name, {}, opts);
    const namespace = registerObject(`${name}-operator-namespace`, outOfMeshNamespace(args.kiali.operatorNamespace), {
      parent: this,
      crdCharts: {},
    });
    this.operator = installChart(
      `${name}-operator`,
      kialiOperatorRelease(args.kiali, args.versions),
      {
        parent: this,
        dependsOn: [namespace],
        protect: args.protectCrdChart ?? true,
        transforms: [retainCustomResourceDefinitions],
      },
      { secretValues: args.secretValues },
    );
    // Depending on the chart also orders deletion: the resource goes first, while the operator
    // still runs to remove Kiali and the resource's finalizer.
    this.instance = registerObject(`${name}-instance`, kialiResource(args.kiali, args.istioNamespace, args.prometheusUrl), {
      parent: this,
      crdCharts: { "kiali-operator": [this.operator] },
      dependsOn: [args.istioNamespaceResource],
      secretValues: args.secretValues,
    });
    this.registerOutputs({ operator: this.operator, instance: this.instance });
  }
}
