import * as pulumi from "@pulumi/pulumi";
import { registerObject } from "./registerObject";
import { meshNamespaceObjects, type MeshNamespaceSpec } from "./builders/stack";

export interface MeshNamespaceArgs {
  readonly spec: MeshNamespaceSpec;
  /** What Istio config waits for: the `base` chart (CRDs) and the istiod charts (validation). */
  readonly istioConfigReady: readonly pulumi.Resource[];
}

/**
 * A namespace in the mesh: the injection label, namespace-wide STRICT mutual TLS, an allow-nothing
 * authorization policy, a Sidecar that scopes what its proxies know, a ServiceEntry for each
 * external API it calls, and the ServiceAccounts its services run as.
 */
export class MeshNamespace extends pulumi.ComponentResource {
  public readonly namespace: pulumi.CustomResource;
  public readonly peerAuthentications: readonly pulumi.CustomResource[];
  public readonly authorizationPolicies: readonly pulumi.CustomResource[];
  public readonly sidecar: pulumi.CustomResource;
  public readonly serviceEntries: readonly pulumi.CustomResource[];
  /** The ServiceAccounts its services run as, unless their teams bring their own. */
  public readonly serviceAccounts: readonly pulumi.CustomResource[];

  constructor(name: string, args: MeshNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("mesh:namespaces:MeshNamespace", name, {}, opts);
    const objects = meshNamespaceObjects(args.spec);
    const crdCharts = { "istio-base": args.istioConfigReady };
    this.namespace = registerObject(name, objects.namespace, { parent: this, crdCharts });
    const inNamespace = { parent: this, crdCharts, dependsOn: [this.namespace] };
    // Children keep the names they always had (`<namespace>-<policy>`); the new kinds say what they are.
    this.peerAuthentications = objects.peerAuthentications.map((policy) =>
      registerObject(`${name}-${policy.metadata.name}`, policy, inNamespace),
    );
    this.authorizationPolicies = objects.authorizationPolicies.map((policy) =>
      registerObject(`${name}-authz-${policy.metadata.name}`, policy, inNamespace),
    );
    this.sidecar = registerObject(`${name}-sidecar`, objects.sidecar, inNamespace);
    this.serviceEntries = objects.serviceEntries.map((entry) =>
      registerObject(`${name}-serviceentry-${entry.metadata.name}`, entry, inNamespace),
    );
    this.serviceAccounts = objects.serviceAccounts.map((account) =>
      registerObject(`${name}-serviceaccount-${account.metadata.name}`, account, inNamespace),
    );
    this.registerOutputs({
      namespace: this.namespace,
      peerAuthentications: this.peerAuthentications,
      authorizationPolicies: this.authorizationPolicies,
      sidecar: this.sidecar,
      serviceEntries: this.serviceEntries,
      serviceAccounts: this.serviceAccounts,
    });
  }
}
