import { analysisOf } from "./lib/canaryAnalysis";
import { dict, isCanary, list } from "./lib/objects";
import type { ObjectRule } from "./rule";

/** Smoke test before traffic shifts, and load during the analysis, so the metrics have data. */
export const canaryWebhooks: ObjectRule<Record<string, never>> = {
  scope: "object",
  name: "canary-webhooks",
  description:
    "A Canary should run a pre-rollout smoke test (a broken build never gets traffic) and a rollout load test (the metrics " +
    "have requests to judge even when real traffic is low).",
  enforcementLevel: "advisory",
  thresholds: {},
  check(object) {
    if (!isCanary(object)) {
      return [];
    }
    const types = new Set(list(analysisOf(object).webhooks).map((w) => dict(w).type));
    const problems: string[] = [];
    if (!types.has("pre-rollout")) {
      problems.push("analysis.webhooks has no pre-rollout (smoke test) webhook");
    }
    if (!types.has("rollout")) {
      problems.push("analysis.webhooks has no rollout (load test) webhook");
    }
    return problems;
  },
};
