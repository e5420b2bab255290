import type { K8sObject } from "../vocabulary/k8sObject";
import { dict, specOf } from "./lib/objects";
import type { ObjectRule } from "./rule";

export interface KialiAccessConfig {
  requireViewOnly: boolean;
}

/** Login strategies that identify the user; `anonymous` lets anyone who reaches Kiali in. */
const IDENTIFYING_STRATEGIES = ["token", "openid", "openshift", "header"];

const isKiali = (object: K8sObject) => object.kind === "Kiali" && object.apiVersion.startsWith("kiali.io/");

/** Kiali shows every service, its traffic and its config, and can edit Istio config unless view-only. */
export const kialiAccess: ObjectRule<KialiAccessConfig> = {
  scope: "object",
  name: "kiali-access",
  description:
    "Kiali shows the whole mesh and, unless it is view-only, can change Istio config: it must name a login strategy that identifies " +
    "the user (never anonymous), and run view-only so the mesh changes only through reviewed code.",
  enforcementLevel: "mandatory",
  thresholds: {
    requireViewOnly: {
      type: "boolean",
      default: true,
      description: "Require deployment.view_only_mode: true.",
    },
  },
  check(object, config) {
    if (!isKiali(object)) {
      return [];
    }
    const spec = specOf(object);
    const strategy = dict(spec.auth).strategy;
    const problems: string[] = [];
    if (strategy === undefined || strategy === "") {
      problems.push(`auth.strategy is not set, so it depends on the platform Kiali finds; set one of ${IDENTIFYING_STRATEGIES.join(", ")}`);
    } else if (typeof strategy !== "string" || !IDENTIFYING_STRATEGIES.includes(strategy)) {
      problems.push(
        `auth.strategy is ${JSON.stringify(strategy)}: anyone who reaches Kiali sees the whole mesh; use one of ${IDENTIFYING_STRATEGIES.join(", ")}`,
      );
    }
    if (config.requireViewOnly && dict(spec.deployment).view_only_mode !== true) {
      problems.push("deployment.view_only_mode is not true: Kiali's users could change Istio config outside the stack's review");
    }
    return problems;
  },
};
