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
  public readonly peerAuthentications: readonly pulumi.CustomResource[];

  constructor(name: string, args: MeshNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("mesh:namespaces:MeshNamespace", name, {}, opts);
    const objects = meshNamespaceObjects(args.spec);
    const crdCharts = { "istio-base": args.istioConfigReady };
    this.namespace = registerObject(name, objects.namespace, { parent: this, crdCharts });
    this.peerAuthentications = objects.peerAuthentications.map((policy) =>
      registerObject(`${name}-${policy.metadata.name}`, policy, { parent: this, crdCharts, dependsOn: [this.namespace] }),
    );
    this.registerOutputs({ namespace: this.namespace, peerAuthentications: this.peerAuthentications });
  }
}
