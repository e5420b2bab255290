import { dict, isPeerAuthentication, sameLabels, specOf, type Dict } from "./lib/objects";
import type { ObjectRule } from "./rule";
import { LOADTESTER_SELECTOR } from "../vocabulary/loadtester";

export interface StrictMtlsConfig {
  /** Workload selectors (matchLabels) allowed to relax mTLS, e.g. the Flagger load tester. */
  allowedExceptions: Record<string, string>[];
}

export const strictMtls: ObjectRule<StrictMtlsConfig> = {
  scope: "object",
  name: "strict-mtls",
  description:
    "PeerAuthentication must require mutual TLS (STRICT). Only workloads named in the policy config, such as the Flagger load tester " +
    "that receives plain-text webhook calls from the controller, may have a workload-scoped exception.",
  enforcementLevel: "mandatory",
  thresholds: {
    allowedExceptions: {
      type: "array",
      items: { type: "object", additionalProperties: { type: "string" } },
      default: [{ ...LOADTESTER_SELECTOR }],
      description: "matchLabels of the workloads that may run without STRICT mTLS.",
    },
  },
  check(object, config) {
    if (!isPeerAuthentication(object)) {
      return [];
    }
    const spec = specOf(object);
    const matchLabels = dict(dict(spec.selector).matchLabels);
    const scoped = Object.keys(matchLabels).length > 0;
    const problems: string[] = [];
    if (spec.portLevelMtls !== undefined && !scoped) {
      problems.push("portLevelMtls needs a workload selector; without one Istio ignores it");
    }
    const relaxed = relaxedModes(spec);
    if (relaxed.length === 0) {
      return problems;
    }
    if (!scoped) {
      problems.push(`mtls mode ${relaxed.join(", ")} applies to the whole namespace; it must be STRICT`);
    } else if (!config.allowedExceptions.some((allowed) => sameLabels(allowed, matchLabels))) {
      problems.push(`mtls mode ${relaxed.join(", ")} for workloads ${JSON.stringify(matchLabels)}, which are not an allowed exception`);
    }
    return problems;
  },
};

/** Modes other than STRICT (an unset mode inherits, which is fine). */
function relaxedModes(spec: Dict): string[] {
  const modes = [dict(spec.mtls).mode, ...Object.values(dict(spec.portLevelMtls)).map((p) => dict(p).mode)];
  return modes.filter((mode): mode is string => typeof mode === "string" && mode !== "STRICT" && mode !== "UNSET");
}
