import { analysisOf } from "./lib/canaryAnalysis";
import { dict, isCanary, list } from "./lib/objects";
import type { ObjectRule } from "./rule";

export const canaryAlerts: ObjectRule<Record<string, never>> = {
  scope: "object",
  name: "canary-alerts",
  description:
    "A Canary should alert on rollback and promotion, and at least one alert should carry severity error, so an automated rollback " +
    "reaches whoever is on call and never goes unnoticed.",
  enforcementLevel: "advisory",
  thresholds: {},
  check(object) {
    if (!isCanary(object)) {
      return [];
    }
    const alerts = list(analysisOf(object).alerts).map(dict);
    if (alerts.length === 0) {
      return ["analysis.alerts is empty: nobody hears about a rollback"];
    }
    return alerts.some((alert) => alert.severity === "error")
      ? []
      : ["analysis.alerts has no alert of severity error: a rollback reaches no one on call"];
  },
};
