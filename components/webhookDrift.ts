import type * as pulumi from "@pulumi/pulumi";

/**
 * istiod patches its own webhook configurations after install: it fills in `caBundle` with the
 * mesh's CA certificate, which the charts cannot know. Without ignoring that field every preview
 * shows a diff and every `up` fights istiod.
 * https://github.com/istio/istio/issues/44285, https://github.com/pulumi/pulumi-kubernetes/issues/2210
 *
 * `failurePolicy` is not ignored: the charts render `Fail` explicitly
 * (`base.validationFailurePolicy`, see istioCharts.ts), the value istiod would set, so it no
 * longer drifts and a real change to it shows in the preview.
 */
const IGNORED_FIELDS_BY_TYPE: Record<string, string[]> = {
  "kubernetes:admissionregistration.k8s.io/v1:ValidatingWebhookConfiguration": ["webhooks[*].clientConfig.caBundle"],
  "kubernetes:admissionregistration.k8s.io/v1:MutatingWebhookConfiguration": ["webhooks[*].clientConfig.caBundle"],
};

export const ignoreIstiodWebhookDrift: pulumi.ResourceTransform = (args) => {
  const ignored = IGNORED_FIELDS_BY_TYPE[args.type];
  if (!ignored) {
    return undefined;
  }
  return {
    props: args.props,
    opts: { ...args.opts, ignoreChanges: [...(args.opts.ignoreChanges ?? []), ...ignored] },
  };
};
