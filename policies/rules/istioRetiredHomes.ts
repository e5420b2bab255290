import { retiredHomeAdvice, retiredHomeOf } from "../vocabulary/istioHomes";
import type { ChartRule } from "./rule";

/** Every string in a values tree, with its dotted path (`global.hub`, `images[0]`). */
function stringValues(value: unknown, path: string): { path: string; value: string }[] {
  if (typeof value === "string") {
    return [{ path, value }];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => stringValues(item, `${path}[${i}]`));
  }
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => stringValues(item, path ? `${path}.${key}` : key));
  }
  return [];
}

/**
 * Istio removes its Google Cloud Storage chart bucket and the `gcr.io/istio-release` and
 * `registry.istio.io` image registries in December 2026. A chart fetched from there, or values
 * that pull images from there, fail the next `pulumi up` or the next pod reschedule.
 */
export const istioRetiredHomes: ChartRule<Record<string, never>> = {
  scope: "chart",
  name: "istio-retired-homes",
  description:
    "No Helm chart may come from, or point its images at, a home Istio retired in December 2026 (the istio-release " +
    "storage bucket, gcr.io/istio-release, registry.istio.io): the next install or pod reschedule from there fails.",
  enforcementLevel: "mandatory",
  thresholds: {},
  check(chart) {
    const messages: string[] = [];
    const repository = chart.repository === undefined ? undefined : retiredHomeOf(chart.repository);
    if (repository) {
      messages.push(`comes from ${chart.repository}: ${retiredHomeAdvice(repository)}`);
    }
    for (const { path, value } of stringValues(chart.values, "")) {
      const home = retiredHomeOf(value);
      if (home) {
        messages.push(`values.${path} is ${JSON.stringify(value)}: ${retiredHomeAdvice(home)}`);
      }
    }
    return messages;
  },
};
