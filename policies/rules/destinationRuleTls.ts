import { dict, isDestinationRule, list, specOf } from "./lib/objects";
import type { ObjectRule } from "./rule";

export const destinationRuleTls: ObjectRule<Record<string, never>> = {
  scope: "object",
  name: "destination-rule-tls",
  description:
    "A DestinationRule with tls.mode DISABLE turns mutual TLS off for its host whatever PeerAuthentication says; it is not allowed.",
  enforcementLevel: "mandatory",
  thresholds: {},
  check(object) {
    if (!isDestinationRule(object)) {
      return [];
    }
    const spec = specOf(object);
    const policies: [string, unknown][] = [["trafficPolicy", spec.trafficPolicy]];
    list(dict(spec.trafficPolicy).portLevelSettings).forEach((p, i) => policies.push([`trafficPolicy.portLevelSettings[${i}]`, p]));
    list(spec.subsets).forEach((s, i) => policies.push([`subsets[${i}].trafficPolicy`, dict(s).trafficPolicy]));
    return policies
      .filter(([, policy]) => dict(dict(policy).tls).mode === "DISABLE")
      .map(([at]) => `${at}.tls.mode is DISABLE: traffic to this host would be plain text`);
  },
};
