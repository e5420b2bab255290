/**
 * A Helm chart installation as the pack sees it: from a Pulumi chart resource in a preview, or
 * from a stack's chart releases in the offline `check`.
 */
export interface HelmChart {
  /** The chart's name (`istiod`), also when it was installed by OCI reference. */
  chart: string;
  /** The chart repository URL, or the OCI registry the chart reference points into. */
  repository?: string;
  version?: string;
  values: Record<string, unknown>;
  /** Helm release name, when known, for messages. */
  release?: string;
}

/** `Helm chart istiod 1.31.1 (release istiod-1-31-1)`, the way messages name a chart. */
export function describeChart(chart: HelmChart): string {
  const version = chart.version ? ` ${chart.version}` : "";
  return `Helm chart ${chart.chart}${version}${chart.release ? ` (release ${chart.release})` : ""}`;
}
