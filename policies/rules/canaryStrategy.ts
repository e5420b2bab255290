import { analysisOf } from "./lib/canaryAnalysis";
import { isCanary, list } from "./lib/objects";
import type { ObjectRule } from "./rule";
import { WEIGHT_KEYS } from "../vocabulary/canaryStrategies";

/**
 * Flagger reads a Canary's analysis as one strategy; fields that belong to another are ignored
 * without a word (https://docs.flagger.app/usage/deployment-strategies).
 */
export const canaryStrategy: ObjectRule<Record<string, never>> = {
  scope: "object",
  name: "canary-strategy",
  description:
    "A Canary's analysis must be one strategy Flagger can run: mirroring needs iterations and no weights, an A/B match needs " +
    "iterations, session affinity needs weights, and mirrorWeight needs mirror; otherwise Flagger silently runs a different rollout.",
  enforcementLevel: "mandatory",
  thresholds: {},
  check(object) {
    if (!isCanary(object)) {
      return [];
    }
    const analysis = analysisOf(object);
    const iterations = typeof analysis.iterations === "number";
    const weights = WEIGHT_KEYS.filter((field) => analysis[field] !== undefined);
    const problems: string[] = [];
    if (analysis.mirror === true) {
      if (!iterations) {
        problems.push(
          "analysis.mirror is set without analysis.iterations: Flagger mirrors traffic only in an iterations (blue/green) analysis",
        );
      }
      if (weights.length > 0) {
        problems.push(`analysis.mirror is set with ${weights.join(", ")}: mirroring shifts no weights; drop them or the mirror`);
      }
    } else if (analysis.mirrorWeight !== undefined) {
      problems.push("analysis.mirrorWeight is set without analysis.mirror: true, so nothing is mirrored");
    }
    if (list(analysis.match).length > 0 && !iterations) {
      problems.push("analysis.match is set without analysis.iterations: an A/B test runs for a number of iterations");
    }
    if (analysis.sessionAffinity !== undefined && weights.length === 0) {
      problems.push(
        "analysis.sessionAffinity is set without weights (maxWeight and stepWeight or stepWeights): it only pins users during a weighted rollout",
      );
    }
    return problems;
  },
};
