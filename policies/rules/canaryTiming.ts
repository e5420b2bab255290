import { formatSeconds } from "../vocabulary/duration";
import { rolloutPlan } from "./lib/canaryAnalysis";
import { isCanary } from "./lib/objects";
import type { ObjectRule } from "./rule";

export interface CanaryTimingConfig {
  maxRollbackSeconds: number;
  maxPromotionSeconds: number;
}

/** The rollout must detect a failure, and finish a healthy release, within bounds a team can live with. */
export const canaryTiming: ObjectRule<CanaryTimingConfig> = {
  scope: "object",
  name: "canary-timing",
  description:
    "The worst-case time from a failing canary's first failed check to its rollback (threshold x interval) and the time a healthy " +
    "canary needs to be promoted must stay within bounds, so failures are contained quickly and releases do not stall.",
  enforcementLevel: "mandatory",
  thresholds: {
    maxRollbackSeconds: { type: "number", minimum: 1, default: 600, description: "Longest allowed threshold x interval, seconds." },
    maxPromotionSeconds: { type: "number", minimum: 1, default: 3600, description: "Longest allowed time to promotion, seconds." },
  },
  check(object, config) {
    if (!isCanary(object)) {
      return [];
    }
    const plan = rolloutPlan(object);
    if ("problem" in plan) {
      return [`cannot compute the rollout: ${plan.problem}`];
    }
    const problems: string[] = [];
    if (plan.rollbackSeconds > config.maxRollbackSeconds) {
      problems.push(
        `a failing canary is rolled back only after ${formatSeconds(plan.rollbackSeconds)} (threshold ${plan.threshold} x interval ${formatSeconds(plan.intervalSeconds)}), more than ${formatSeconds(config.maxRollbackSeconds)}`,
      );
    }
    if (plan.promotionSeconds > config.maxPromotionSeconds) {
      problems.push(
        `a healthy canary is promoted only after ${formatSeconds(plan.promotionSeconds)}, more than ${formatSeconds(config.maxPromotionSeconds)}`,
      );
    }
    return problems;
  },
};
