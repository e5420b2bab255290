import { analysisTraffic, canaryTrafficFactsOf } from "./lib/analysisTraffic";
import { analysisOf } from "./lib/canaryAnalysis";
import { dict, isCanary, list } from "./lib/objects";
import type { ObjectRule } from "./rule";

/**
 * Smoke test before traffic shifts, and load during the analysis, so the metrics have data; and
 * what canary-analysis-traffic cannot tell about the load tests, or the users they rely on.
 */
export const canaryWebhooks: ObjectRule<Record<string, never>> = {
  scope: "object",
  name: "canary-webhooks",
  description:
    "A Canary should run a pre-rollout smoke test (a broken build never gets traffic) and a rollout load test (the metrics " +
    "have requests to judge even when real traffic is low). It also names a load test whose command it cannot read (it reads hey and " +
    "curl), one that misses the canary where users' requests reach it anyway, and an A/B analysis that relies on users sending the match.",
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
    const traffic = canaryTrafficFactsOf(object);
    if (traffic) {
      problems.push(...traffic.unread.map((unread) => `cannot tell whether the load test reaches the canary: ${unread}`));
      problems.push(...analysisTraffic(traffic.facts).warnings);
    }
    return problems;
  },
};
