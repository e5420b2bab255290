import { isIstioChart } from "../vocabulary/istioHomes";
import type { ChartRule } from "./rule";

export interface IstioMinimumVersionConfig {
  /** The oldest supported Istio minor, `major.minor`. */
  minimumVersion: string;
}

const MINOR = /^(\d+)\.(\d+)$/;
const CHART_VERSION = /^v?(\d+)\.(\d+)\.\d+/;

/**
 * Istio supports its two or three newest minors; an older line gets no CVE fixes (1.30 reaches
 * end of life about 2026-11-30). Raise the minimum as lines go out of support.
 */
export const istioMinimumVersion: ChartRule<IstioMinimumVersionConfig> = {
  scope: "chart",
  name: "istio-minimum-version",
  description:
    "Istio's charts (base, istiod, gateway, cni, ztunnel) must be at or above the oldest supported minor: an older line " +
    "gets no security fixes. Upgrade it as a canary (the mesh platform's docs/upgrading-istio.md).",
  enforcementLevel: "advisory",
  thresholds: {
    minimumVersion: {
      type: "string",
      pattern: MINOR.source,
      default: "1.30",
      description: "The oldest supported Istio minor, as major.minor.",
    },
  },
  check(chart, config) {
    const minimum = MINOR.exec(config.minimumVersion);
    const version = CHART_VERSION.exec(chart.version ?? "");
    if (!minimum || !version || !isIstioChart(chart)) {
      return []; // a malformed threshold is refused by the pack config's schema; unpinned versions are chart-versions-pinned's
    }
    const [major, minor] = [Number(version[1]), Number(version[2])];
    const [minMajor, minMinor] = [Number(minimum[1]), Number(minimum[2])];
    if (major > minMajor || (major === minMajor && minor >= minMinor)) {
      return [];
    }
    return [`Istio ${chart.version} is below the supported minimum ${config.minimumVersion}: upgrade it (docs/upgrading-istio.md)`];
  },
};
