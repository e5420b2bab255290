import { fieldPath, weightStepProblems } from "../vocabulary/canaryWeights";
import { analysisOf } from "./lib/canaryAnalysis";
import { durationSeconds, formatSeconds } from "../vocabulary/duration";
import { dict, isCanary, list } from "./lib/objects";
import type { ObjectRule } from "./rule";
import { SAFE_CANARY_CHECKS } from "../vocabulary/canaryChecks";

export interface CanaryLimitsConfig {
  maxWeight: number;
  minThreshold: number;
  maxThreshold: number;
  minIntervalSeconds: number;
  minSuccessRate: number;
  maxLatencyMs: number;
}

/** Bounds on how much traffic a canary may take, how fast, and what it must be judged on. */
export const canaryLimits: ObjectRule<CanaryLimitsConfig> = {
  scope: "object",
  name: "canary-limits",
  description:
    "A Flagger Canary must cap the traffic an unproven version can take, step up gradually, tolerate only a few failed checks, " +
    "and be judged on both success rate and P99 latency, so a bad release is caught while it serves a minority of requests.",
  enforcementLevel: "mandatory",
  thresholds: {
    maxWeight: { type: "number", minimum: 1, maximum: 100, default: 50, description: "Highest canary weight allowed, percent." },
    minThreshold: { type: "integer", minimum: 1, default: 1, description: "Fewest failed checks before rollback." },
    maxThreshold: { type: "integer", minimum: 1, default: 10, description: "Most failed checks before rollback." },
    minIntervalSeconds: { type: "number", minimum: 1, default: 30, description: "Shortest analysis interval, seconds." },
    minSuccessRate: {
      type: "number",
      minimum: 0,
      maximum: 100,
      default: SAFE_CANARY_CHECKS.successRateMin,
      description: "Lowest acceptable request-success-rate threshold, percent.",
    },
    maxLatencyMs: {
      type: "number",
      minimum: 1,
      default: SAFE_CANARY_CHECKS.latencyP99MaxMs,
      description: "Highest acceptable request-duration (P99) threshold, ms.",
    },
  },
  check(object, config) {
    if (!isCanary(object)) {
      return [];
    }
    const analysis = analysisOf(object);
    const problems: string[] = [];

    const interval = durationSeconds(analysis.interval);
    if (interval === undefined) {
      problems.push(`analysis.interval ${JSON.stringify(analysis.interval)} is not a duration such as 1m or 30s`);
    } else if (interval < config.minIntervalSeconds) {
      problems.push(
        `analysis.interval ${String(analysis.interval)} is shorter than ${formatSeconds(config.minIntervalSeconds)}: too few requests per check to judge the canary`,
      );
    }

    const threshold = analysis.threshold;
    if (typeof threshold !== "number" || threshold < config.minThreshold || threshold > config.maxThreshold) {
      problems.push(`analysis.threshold ${JSON.stringify(threshold)} must be between ${config.minThreshold} and ${config.maxThreshold}`);
    }

    if (analysis.iterations === undefined) {
      problems.push(...weightProblems(analysis, config.maxWeight));
    }

    const metrics = list(analysis.metrics).map(dict);
    const successRate = metrics.find((m) => m.name === "request-success-rate");
    const successMin = dict(successRate?.thresholdRange).min;
    if (!successRate) {
      problems.push("analysis.metrics has no request-success-rate check");
    } else if (typeof successMin !== "number" || successMin < config.minSuccessRate) {
      problems.push(`request-success-rate thresholdRange.min ${JSON.stringify(successMin)} must be at least ${config.minSuccessRate}`);
    }
    const latency = metrics.find((m) => m.name === "request-duration");
    const latencyMax = dict(latency?.thresholdRange).max;
    if (!latency) {
      problems.push("analysis.metrics has no request-duration (P99 latency) check");
    } else if (typeof latencyMax !== "number" || latencyMax > config.maxLatencyMs) {
      problems.push(`request-duration thresholdRange.max ${JSON.stringify(latencyMax)} must be at most ${config.maxLatencyMs} ms`);
    }
    return problems;
  },
};

function weightProblems(analysis: Record<string, unknown>, maxAllowed: number): string[] {
  const problems = weightStepProblems(analysis).map((p) => `analysis.${fieldPath(p.path)} ${JSON.stringify(p.value)} ${p.message}`);
  const maxWeight = analysis.maxWeight;
  if (typeof maxWeight === "number" && maxWeight > maxAllowed) {
    problems.unshift(`analysis.maxWeight ${maxWeight} exceeds ${maxAllowed}: a failing canary could take that share of traffic`);
  }
  return problems;
}
