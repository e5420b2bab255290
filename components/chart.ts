import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { secretIfCarrying, type SecretValues } from "./secrecy";
import { chartReference, type ChartRelease } from "./builders/chartRelease";

/**
 * Installs a chart release with `helm.v4.Chart`: every chart object appears in previews and to
 * CrossGuard, CRDs are applied first, and `helm.sh/resource-policy: keep` objects (Istio's and
 * Flagger's CRDs) are retained when the chart is deleted.
 */
export interface ChartOptions {
  /** Prefix of the chart objects' resource names; the chart's own name when omitted. */
  resourcePrefix?: string;
  /** Strings the user set as secrets: values or a repository carrying one are registered as secrets. */
  secretValues?: SecretValues;
}

export function installChart(
  name: string,
  release: ChartRelease,
  opts: pulumi.ComponentResourceOptions,
  { resourcePrefix, secretValues }: ChartOptions = {},
): k8s.helm.v4.Chart {
  const { chart, repository } = chartReference(release);
  return new k8s.helm.v4.Chart(
    name,
    {
      name: release.name,
      namespace: release.namespace,
      chart: secretIfCarrying(chart, secretValues),
      version: release.version,
      ...(repository ? { repositoryOpts: secretIfCarrying({ repo: repository }, secretValues) } : {}),
      ...(resourcePrefix ? { resourcePrefix } : {}),
      values: secretIfCarrying(release.values, secretValues),
    },
    opts,
  );
}
