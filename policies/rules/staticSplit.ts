import { dict, isVirtualService, list, specOf } from "./lib/objects";
import type { ObjectRule } from "./rule";

export interface StaticSplitConfig {
  maxCanaryWeight: number;
  canarySubsets: string[];
}

/** Weighted routes add up, and send the canary no more than a progressive rollout could. */
export const staticSplit: ObjectRule<StaticSplitConfig> = {
  scope: "object",
  name: "static-split",
  description:
    "A VirtualService's weighted routes must be non-negative and total 100 (Istio accepts other totals, almost always by mistake), " +
    "and the canary share of a stable/canary split must not exceed what a progressive rollout may give a canary.",
  enforcementLevel: "mandatory",
  thresholds: {
    maxCanaryWeight: {
      type: "number",
      minimum: 0,
      maximum: 100,
      default: 50,
      description: "Highest weight for canary destinations, percent.",
    },
    canarySubsets: {
      type: "array",
      items: { type: "string" },
      default: ["canary"],
      description: "Subset names that mark a canary destination.",
    },
  },
  check(object, config) {
    if (!isVirtualService(object)) {
      return [];
    }
    const problems: string[] = [];
    list(specOf(object).http).forEach((route, i) => {
      const destinations = list(dict(route).route).map(dict);
      const weights = destinations.map((d) => d.weight);
      const weighted = weights.some((w) => w !== undefined);
      if (!weighted) {
        return; // a single destination without a weight gets all the traffic
      }
      const label = `http[${i}]${typeof dict(route).name === "string" ? ` (${String(dict(route).name)})` : ""}`;
      weights.forEach((weight, j) => {
        if (weight !== undefined && (typeof weight !== "number" || weight < 0)) {
          problems.push(`${label}.route[${j}].weight ${JSON.stringify(weight)} must be a non-negative number`);
        }
      });
      const total = weights.reduce<number>((sum, w) => sum + (typeof w === "number" ? w : 0), 0);
      if (total !== 100) {
        problems.push(`${label} weights total ${total}, not 100`);
      }
      const canaryShare = destinations
        .filter((d) => config.canarySubsets.includes(String(dict(d.destination).subset)))
        .reduce<number>((sum, d) => sum + (typeof d.weight === "number" ? d.weight : 0), 0);
      if (canaryShare > config.maxCanaryWeight) {
        problems.push(`${label} sends ${canaryShare}% to the canary, more than ${config.maxCanaryWeight}%`);
      }
    });
    return problems;
  },
};
