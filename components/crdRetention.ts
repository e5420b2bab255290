import type * as pulumi from "@pulumi/pulumi";

const CRD_TYPE = "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition";

/**
 * Keeps a chart's CRDs in the cluster when the chart is removed or replaced. Istio's and
 * Flagger's CRDs carry `helm.sh/resource-policy: keep`, which `helm.v4.Chart` honours; the Kiali
 * operator chart's do not, and deleting the `Kiali` CRD deletes every `Kiali` resource with it.
 * The CRD stays managed while the chart exists; only its deletion is skipped.
 */
export const retainCustomResourceDefinitions: pulumi.ResourceTransform = (args) => {
  if (args.type !== CRD_TYPE) {
    return undefined;
  }
  return { props: args.props, opts: { ...args.opts, retainOnDelete: true } };
};
