import { PROGRESS_DEADLINE_SECONDS } from "../vocabulary/progressDeadline";
import { dict, isCanary, specOf } from "./lib/objects";
import type { ObjectRule } from "./rule";

export interface CanarySafetyConfig {
  maxProgressDeadlineSeconds: number;
}

/** The kinds Flagger can canary. */
const TARGET_KINDS = ["Deployment", "DaemonSet", "Service"];

/** Failure modes from Flagger's issue tracker: what a Canary must say so a mistake does not cost the service. */
export const canarySafety: ObjectRule<CanarySafetyConfig> = {
  scope: "object",
  name: "canary-safety",
  description:
    "A Canary must restore its target when it is deleted (revertOnDeletion; otherwise the Deployment stays at zero replicas), give up " +
    "on a stuck canary within a bounded progress deadline, and target a kind Flagger supports (a Deployment, DaemonSet or Service; " +
    "not a StatefulSet).",
  enforcementLevel: "mandatory",
  thresholds: {
    maxProgressDeadlineSeconds: {
      type: "integer",
      minimum: 1,
      default: PROGRESS_DEADLINE_SECONDS.max,
      description: "Longest allowed progressDeadlineSeconds.",
    },
  },
  check(object, config) {
    if (!isCanary(object)) {
      return [];
    }
    const spec = specOf(object);
    const problems: string[] = [];
    if (spec.revertOnDeletion !== true) {
      problems.push("revertOnDeletion is not true: deleting the Canary would leave the Deployment scaled to zero");
    }
    const deadline = spec.progressDeadlineSeconds;
    if (deadline !== undefined && (typeof deadline !== "number" || deadline > config.maxProgressDeadlineSeconds)) {
      problems.push(
        `progressDeadlineSeconds ${JSON.stringify(deadline)} exceeds ${config.maxProgressDeadlineSeconds}: a stuck canary would be rolled back too late`,
      );
    }
    const kind = dict(spec.targetRef).kind;
    if (typeof kind !== "string" || !TARGET_KINDS.includes(kind)) {
      problems.push(`targetRef.kind ${JSON.stringify(kind)} is not a kind Flagger can canary (${TARGET_KINDS.join(", ")})`);
    }
    return problems;
  },
};
