import { analysisTraffic, canaryTrafficFactsOf } from "./lib/analysisTraffic";
import { isCanary } from "./lib/objects";
import type { ObjectRule } from "./rule";

/**
 * A canary judged on no requests is rolled back every time: Flagger counts a metric query that
 * returns nothing as a failed check. This rule knows, per strategy, which requests reach the
 * canary during the analysis (lib/analysisTraffic.ts) and reads the load tests' hey and curl commands.
 */
export const canaryAnalysisTraffic: ObjectRule<Record<string, never>> = {
  scope: "object",
  name: "canary-analysis-traffic",
  description:
    "A Canary's analysis must have requests to judge: a blue/green analysis sends the canary no user request, so it needs a rollout " +
    "(load test) webhook; for blue/green, mirroring and A/B, each load test must call the canary (`<name>-canary.<namespace>` on " +
    "the service's port; for A/B also `<name>` or a public host of its route) and an A/B load test must send the match. It reads " +
    "hey and curl commands; what it cannot read, canary-webhooks reports as advisory.",
  enforcementLevel: "mandatory",
  thresholds: {},
  check(object) {
    if (!isCanary(object)) {
      return [];
    }
    const read = canaryTrafficFactsOf(object);
    return read ? analysisTraffic(read.facts).problems : [];
  },
};
