/**
 * Reading a Flagger Canary's analysis, and the rollout it implies. With interval I, step S and
 * max weight M, a healthy canary gains S per interval up to M and is promoted one interval later,
 * about (ceil(M/S) + 1) x I after the rollout starts; with `iterations` N (blue/green, A/B,
 * mirroring) it is promoted after N + 1 intervals. A failing one is rolled back after `threshold`
 * failed checks, one per interval. The policy rules and the `plan` command both use this, so the
 * numbers reviewers see are the numbers the limits are enforced on.
 */
import type { K8sObject } from "../../vocabulary/k8sObject";
import { durationSeconds } from "../../vocabulary/duration";
import { dict, list, specOf, type Dict } from "./objects";

/**
 * How Flagger moves traffic, read from the analysis: iterations with `mirror` (mirroring), with a
 * `match` (A/B), alone (blue/green); weights with `sessionAffinity` (session affinity), alone
 * (weighted).
 */
export type RolloutStrategy = "weighted" | "sessionAffinity" | "blueGreen" | "abTest" | "mirroring";

/** Which user requests a failing canary answers. */
export type ExposedTraffic = "all requests" | "matched requests" | "no user requests";

export interface RolloutPlan {
  strategy: RolloutStrategy;
  intervalSeconds: number;
  threshold: number;
  /** Canary weight after each successful interval (weighted, session affinity), or [] for iterations. */
  weights: number[];
  /** Blue/green, A/B and mirroring: how many checks before promotion. */
  iterations?: number;
  /** When a healthy canary is promoted, counted from the start of the rollout. */
  promotionSeconds: number;
  /** Worst case from the first failed check until the rollback. */
  rollbackSeconds: number;
  /** The largest share of `exposedTraffic` a failing canary answers, in percent. */
  maxFailingShare: number;
  /**
   * Which requests that share is of: all of them (weights), the ones an A/B match selects, or none
   * (blue/green sends the canary only test traffic; mirroring drops the canary's responses).
   */
  exposedTraffic: ExposedTraffic;
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
    const strategy = analysis.mirror === true ? "mirroring" : list(analysis.match).length > 0 ? "abTest" : "blueGreen";
    return {
      strategy,
      intervalSeconds,
      threshold,
      weights: [],
      iterations: analysis.iterations,
      promotionSeconds: (analysis.iterations + 1) * intervalSeconds,
      rollbackSeconds,
      maxFailingShare: strategy === "abTest" ? 100 : 0,
      exposedTraffic: strategy === "abTest" ? "matched requests" : "no user requests",
    };
  }
  const weights = weightSteps(analysis);
  if (weights.length === 0) {
    return { problem: "analysis has neither iterations nor a usable stepWeight/stepWeights and maxWeight" };
  }
  return {
    strategy: analysis.sessionAffinity !== undefined ? "sessionAffinity" : "weighted",
    intervalSeconds,
    threshold,
    weights,
    promotionSeconds: (weights.length + 1) * intervalSeconds,
    rollbackSeconds,
    maxFailingShare: Math.max(...weights),
    exposedTraffic: "all requests",
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
