import * as pulumi from "@pulumi/pulumi";
import { registerObject } from "./registerObject";
import { meshNamespaceObjects, type MeshNamespaceSpec } from "./specs/stack";

export interface MeshNamespaceArgs {
  readonly spec: MeshNamespaceSpec;
  /** What Istio config waits for: the `base` chart (CRDs) and the istiod charts (validation). */
  readonly istioConfigReady: readonly pulumi.Resource[];
}

/** A namespace in the mesh: the injection label and namespace-wide STRICT mutual TLS. */
export class MeshNamespace extends pulumi.ComponentResource {
  public readonly namespace: pulumi.CustomResource;
  public readonly peerAuthentications: pulumi.CustomResource[];

  constructor(name: string, args: MeshNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("mesh:namespaces:MeshNamespace", name, {}, opts);
    const [namespaceObject, ...policies] = meshNamespaceObjects(args.spec);
    const crdCharts = { "istio-base": args.istioConfigReady };
    this.namespace = registerObject(name, namespaceObject, { parent: this, crdCharts });
    this.peerAuthentications = policies.map((policy) =>
      registerObject(`${name}-${policy.metadata.name}`, policy, { parent: this, crdCharts, dependsOn: [this.namespace] }),
    );
    this.registerOutputs({ namespace: args.spec.name });
  }
}
