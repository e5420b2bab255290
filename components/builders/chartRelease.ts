import type { HelmChart } from "../../policies/vocabulary/helmChart";
/** A Helm chart installation as data: enough for Pulumi to install it and for a reviewer to read it. */
export interface ChartRelease {
  /** Release name; Helm prefixes the chart's object names with it. */
  name: string;
  namespace: string;
  repository: string;
  chart: string;
  /** Always an exact version, never a range. */
  version: string;
  values: Record<string, unknown>;
  /**
   * Where the chart keeps the CRDs it ships, for reading them without a cluster: rendered as
   * ordinary templates (`helm template`), or in the chart's `crds/` folder (`helm show crds`).
   */
  crds?: "templates" | "crds-folder";
}

/**
 * How Helm addresses the chart: from a chart repository by name, or, for an OCI registry, by
 * its full reference (`oci://ghcr.io/istio/release/charts/base`) with no repository.
 */
export function chartReference(release: ChartRelease): { chart: string; repository?: string } {
  if (release.repository.startsWith("oci://")) {
    return { chart: `${release.repository}/${release.chart}` };
  }
  return { chart: release.chart, repository: release.repository };
}

/** The chart as the policy pack judges it (the same view CrossGuard gets from the chart resource). */
export function chartOfRelease(release: ChartRelease): HelmChart {
  return { chart: release.chart, repository: release.repository, version: release.version, values: release.values, release: release.name };
}
