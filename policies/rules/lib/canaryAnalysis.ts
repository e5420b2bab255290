/**
 * Reading a Flagger Canary's analysis, and the rollout it implies. With interval I, step S and
 * max weight M, a healthy canary gains S per interval up to M and is promoted one interval later,
 * about (ceil(M/S) + 1) x I after the rollout starts; a failing one is rolled back after
 * `threshold` failed checks, one per interval. The policy rules and the `plan` command both use
 * this, so the numbers reviewers see are the numbers the limits are enforced on.
 */
import type { K8sObject } from "../../vocabulary/k8sObject";
import { durationSeconds } from "./duration";
import { dict, list, specOf, type Dict } from "./objects";

export interface RolloutPlan {
  strategy: "weighted" | "header";
  intervalSeconds: number;
  threshold: number;
  /** Canary weight after each successful interval (weighted), or [] for header tests. */
  weights: number[];
  /** Header tests: how many intervals of header-matched traffic. */
  iterations?: number;
  /** When a healthy canary is promoted, counted from the start of the rollout. */
  promotionSeconds: number;
  /** Worst case from the first failed check until the rollback. */
  rollbackSeconds: number;
  /** The largest share of all traffic a failing canary can receive, in percent. */
  maxFailingShare: number;
}

export function analysisOf(canary: K8sObject): Dict {
  return dict(specOf(canary).analysis);
}

/** The rollout a Canary's analysis describes, or a reason it cannot be computed. */
export function rolloutPlan(canary: K8sObject): RolloutPlan | { problem: string } {
  const analysis = analysisOf(canary);
  const intervalSeconds = durationSeconds(analysis.interval);
  if (intervalSeconds === undefined) {
    return { problem: `analysis.interval ${JSON.stringify(analysis.interval)} is not a duration` };
  }
  const threshold = typeof analysis.threshold === "number" ? analysis.threshold : NaN;
  if (!(threshold > 0)) {
    return { problem: `analysis.threshold ${JSON.stringify(analysis.threshold)} is not a positive number` };
  }
  const rollbackSeconds = threshold * intervalSeconds;

  if (typeof analysis.iterations === "number") {
    return {
      strategy: "header",
      intervalSeconds,
      threshold,
      weights: [],
      iterations: analysis.iterations,
      promotionSeconds: (analysis.iterations + 1) * intervalSeconds,
      rollbackSeconds,
      maxFailingShare: 0,
    };
  }
  const weights = weightSteps(analysis);
  if (weights.length === 0) {
    return { problem: "analysis has neither iterations nor a usable stepWeight/stepWeights and maxWeight" };
  }
  return {
    strategy: "weighted",
    intervalSeconds,
    threshold,
    weights,
    promotionSeconds: (weights.length + 1) * intervalSeconds,
    rollbackSeconds,
    maxFailingShare: Math.max(...weights),
  };
}

/** The weights a weighted rollout steps through; [] when the analysis does not define them. */
function weightSteps(analysis: Dict): number[] {
  const maxWeight = typeof analysis.maxWeight === "number" ? analysis.maxWeight : undefined;
  const stepWeights = list(analysis.stepWeights).filter((w): w is number => typeof w === "number");
  if (stepWeights.length > 0) {
    return stepWeights;
  }
  const step = analysis.stepWeight;
  if (typeof step !== "number" || step <= 0 || maxWeight === undefined || maxWeight <= 0) {
    return [];
  }
  const weights: number[] = [];
  for (let weight = step; weight < maxWeight; weight += step) {
    weights.push(weight);
  }
  weights.push(maxWeight);
  return weights;
}
