/** Reading Pulumi type tokens of @pulumi/kubernetes resources. */

/** Resource types that install a Helm chart. */
export const CHART_TYPES: ReadonlySet<string> = new Set([
  "kubernetes:helm.sh/v4:Chart",
  "kubernetes:helm.sh/v3:Chart",
  "kubernetes:helm.sh/v3:Release",
]);

/** `kubernetes:networking.istio.io/v1:VirtualService` → `networking.istio.io/v1` */
export function apiVersionOfType(type: string): string | undefined {
  const match = /^kubernetes:(.+):[^:]+$/.exec(type);
  return match ? match[1] : undefined;
}

/** The chart's name from a chart resource's `chart` input: `base`, or `oci://ghcr.io/istio/release/charts/base` → `base`. */
export function chartNameOf(chart: unknown): string {
  return typeof chart === "string" ? (chart.split("/").pop() ?? chart) : "";
}
