import { analysisOf } from "./lib/canaryAnalysis";
import { isCanary, list } from "./lib/objects";
import type { ObjectRule } from "./rule";

export const canaryAlerts: ObjectRule<Record<string, never>> = {
  scope: "object",
  name: "canary-alerts",
  description: "A Canary should alert a channel on rollback and promotion, so an automated rollback never goes unnoticed.",
  enforcementLevel: "advisory",
  thresholds: {},
  check(object) {
    if (!isCanary(object)) {
      return [];
    }
    return list(analysisOf(object).alerts).length > 0 ? [] : ["analysis.alerts is empty: nobody hears about a rollback"];
  },
};
