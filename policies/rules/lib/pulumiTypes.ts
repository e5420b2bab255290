/** Reading Pulumi type tokens of @pulumi/kubernetes resources. */
import type { HelmChart } from "../../vocabulary/helmChart";

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

/**
 * The chart a Pulumi chart resource installs, read from its inputs: `helm.v4.Chart` and
 * `helm.v3.Release` name the repository in `repositoryOpts.repo`, `helm.v3.Chart` in
 * `fetchOpts.repo`; an OCI reference in `chart` carries its registry itself.
 */
export function chartOfResource(type: string, props: Record<string, unknown>): HelmChart | undefined {
  if (!CHART_TYPES.has(type)) {
    return undefined;
  }
  const reference = typeof props.chart === "string" ? props.chart : "";
  const optionsRepo = (options: unknown) =>
    typeof options === "object" && options !== null && typeof (options as { repo?: unknown }).repo === "string"
      ? (options as { repo: string }).repo
      : undefined;
  const ociRegistry = reference.startsWith("oci://") ? reference.slice(0, reference.lastIndexOf("/")) : undefined;
  const repository = optionsRepo(props.repositoryOpts) ?? optionsRepo(props.fetchOpts) ?? ociRegistry;
  const values = typeof props.values === "object" && props.values !== null ? (props.values as Record<string, unknown>) : {};
  return {
    chart: chartNameOf(reference),
    ...(repository ? { repository } : {}),
    ...(typeof props.version === "string" ? { version: props.version } : {}),
    values,
    ...(typeof props.name === "string" ? { release: props.name } : {}),
  };
}
