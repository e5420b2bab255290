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
}
