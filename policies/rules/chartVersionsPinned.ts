import type { ChartRule } from "./rule";

const EXACT_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

export const chartVersionsPinned: ChartRule<Record<string, never>> = {
  scope: "chart",
  name: "chart-versions-pinned",
  description:
    "Every Helm chart must name an exact version: without one, the next preview may install a different chart than the one reviewed.",
  enforcementLevel: "mandatory",
  thresholds: {},
  check(chart) {
    if (chart.version !== undefined && EXACT_VERSION.test(chart.version)) {
      return [];
    }
    return [`has version ${JSON.stringify(chart.version)}, not an exact version`];
  },
};
