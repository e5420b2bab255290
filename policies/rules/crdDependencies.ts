import { crdSourceOf } from "../vocabulary/crdSources";
import { apiVersionOfType, CHART_TYPES, chartNameOf } from "./lib/pulumiTypes";
import type { GraphRule } from "./rule";

export interface CrdDependenciesConfig {
  /** Chart names (the `chart` input) that install each CRD source. */
  providers: Record<string, string[]>;
}

/**
 * Custom resources must depend on what ships their CRD, or the first `pulumi up` fails with
 * "no matches for kind" while the chart is still installing
 * (https://github.com/pulumi/pulumi-kubernetes/issues/861: a dependency on a v4 Chart waits for all of its objects, CRDs included).
 */
export const crdDependencies: GraphRule<CrdDependenciesConfig> = {
  scope: "graph",
  name: "crd-dependencies",
  description:
    "Every Istio, Flagger or Kiali custom resource must depend on the chart that ships its CRD, so a fresh cluster applies the CRD first " +
    "instead of failing with 'no matches for kind'.",
  enforcementLevel: "mandatory",
  thresholds: {
    providers: {
      type: "object",
      default: { "istio-base": ["base"], flagger: ["flagger"], "kiali-operator": ["kiali-operator"] },
      description: "For each CRD source, the chart names that install it (an OCI reference counts by its last segment).",
    },
  },
  check(resources, config) {
    const chartNameByUrn = new Map<string, string>();
    for (const resource of resources) {
      if (CHART_TYPES.has(resource.type)) {
        chartNameByUrn.set(resource.urn, chartNameOf(resource.props.chart));
      }
    }
    const findings: { urn: string; message: string }[] = [];
    for (const resource of resources) {
      const apiVersion = apiVersionOfType(resource.type);
      const source = apiVersion ? crdSourceOf(apiVersion) : undefined;
      const accepted = source ? config.providers[source] : undefined;
      if (!accepted || (resource.parentType && CHART_TYPES.has(resource.parentType))) {
        continue; // built-in kind, externally managed CRD, or an object rendered by a chart itself
      }
      const satisfied = resource.dependencies.some((urn) => accepted.includes(chartNameByUrn.get(urn) ?? ""));
      if (!satisfied) {
        findings.push({ urn: resource.urn, message: `depends on none of the charts that ship its CRD (${accepted.join(", ")})` });
      }
    }
    return findings;
  },
};
