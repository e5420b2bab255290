import { CHART_TYPES } from "./lib/pulumiTypes";
import type { GraphRule } from "./rule";

const EXACT_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

export const pinnedCharts: GraphRule<Record<string, never>> = {
  scope: "graph",
  name: "chart-versions-pinned",
  description:
    "Every Helm chart must name an exact version: without one, the next preview may install a different chart than the one reviewed.",
  enforcementLevel: "mandatory",
  defaults: {},
  configSchema: {},
  check(resources) {
    return resources
      .filter((r) => CHART_TYPES.has(r.type))
      .filter((r) => typeof r.props.version !== "string" || !EXACT_VERSION.test(r.props.version))
      .map((r) => ({
        urn: r.urn,
        message: `chart ${String(r.props.chart)} has version ${JSON.stringify(r.props.version)}, not an exact version`,
      }));
  },
};
