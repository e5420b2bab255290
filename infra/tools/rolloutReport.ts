/**
 * What each progressive service's rollout will look like: the schedule of canary weights, the
 * time to promotion, the worst-case time to roll back and the largest share of traffic a failing
 * canary can get. Computed from the Canary the program declares, by the same function the
 * canary-timing rule enforces its limits with.
 */
import { canary } from "../../components/specs/canary";
import { canaryContext } from "../../components/specs/stack";
import { formatSeconds } from "../../policies/rules/lib/duration";
import { rolloutPlan, type RolloutPlan } from "../../policies/rules/lib/canaryAnalysis";
import type { StackConfig } from "../config/stackConfig";
import { alignedTable } from "./textTable";

export interface ServiceRollout {
  service: string;
  namespace: string;
  plan: RolloutPlan;
}

export interface ScheduleStep {
  atSeconds: number;
  weight: number;
  note: string;
}

export function stackRollouts(config: StackConfig): ServiceRollout[] {
  return config.services.flatMap((service) => {
    if (service.delivery !== "progressive") {
      return [];
    }
    const plan = rolloutPlan(canary(service, canaryContext(config)));
    if ("problem" in plan) {
      throw new Error(`${service.namespace}/${service.name}: ${plan.problem}`);
    }
    return [{ service: service.name, namespace: service.namespace, plan }];
  });
}

/** Canary weight over time for a healthy rollout, ending with the promotion. */
export function schedule(plan: RolloutPlan): ScheduleStep[] {
  const interval = plan.intervalSeconds;
  if (plan.strategy === "header") {
    const steps: ScheduleStep[] = [{ atSeconds: 0, weight: 0, note: "pre-rollout checks; header-matched requests only from here" }];
    steps.push({ atSeconds: (plan.iterations ?? 0) * interval, weight: 0, note: `${plan.iterations} analysis iterations done` });
    steps.push({ atSeconds: plan.promotionSeconds, weight: 100, note: "promoted" });
    return steps;
  }
  return [
    { atSeconds: 0, weight: 0, note: "pre-rollout checks" },
    ...plan.weights.map((weight, i) => ({
      atSeconds: (i + 1) * interval,
      weight,
      note: i === plan.weights.length - 1 ? "max weight" : "",
    })),
    { atSeconds: plan.promotionSeconds, weight: 100, note: "promoted" },
  ];
}

function summaryLine(rollout: ServiceRollout): string[] {
  const plan = rollout.plan;
  return [
    `${rollout.namespace}/${rollout.service}`,
    plan.strategy === "header"
      ? `header test, ${plan.iterations} x ${formatSeconds(plan.intervalSeconds)}`
      : `${plan.weights.length} steps of ${formatSeconds(plan.intervalSeconds)}`,
    formatSeconds(plan.promotionSeconds),
    formatSeconds(plan.rollbackSeconds),
    plan.strategy === "header" ? "header-matched only" : `${plan.maxFailingShare}%`,
  ];
}

const SUMMARY_HEADER = ["service", "rollout", "promoted after", "rollback within", "max failing share"];

export function textReport(rollouts: ServiceRollout[]): string {
  if (rollouts.length === 0) {
    return "no progressive services in this stack";
  }
  const lines = [alignedTable([SUMMARY_HEADER, ...rollouts.map(summaryLine)])];
  for (const rollout of rollouts) {
    lines.push(
      "",
      `${rollout.namespace}/${rollout.service} (threshold ${rollout.plan.threshold}: ${rollout.plan.threshold} failed checks in a row roll it back)`,
    );
    lines.push(
      alignedTable([
        ["time", "canary weight", ""],
        ...schedule(rollout.plan).map((s) => [formatSeconds(s.atSeconds), `${s.weight}%`, s.note]),
      ]),
    );
  }
  return lines.join("\n");
}

/** Markdown for a pull request or job summary: a table, and a Mermaid chart GitHub renders. */
export function markdownReport(stack: string, rollouts: ServiceRollout[]): string {
  const lines = [`### Rollout plan: ${stack}`, ""];
  if (rollouts.length === 0) {
    return [...lines, "No progressive services."].join("\n");
  }
  lines.push(`| ${SUMMARY_HEADER.join(" | ")} |`, `|${SUMMARY_HEADER.map(() => "---").join("|")}|`);
  for (const rollout of rollouts) {
    lines.push(`| ${summaryLine(rollout).join(" | ")} |`);
  }
  for (const rollout of rollouts.filter((r) => r.plan.strategy === "weighted")) {
    const steps = schedule(rollout.plan).filter((s) => s.note !== "promoted");
    lines.push(
      "",
      "```mermaid",
      "xychart-beta",
      `    title "${rollout.namespace}/${rollout.service}: canary weight while healthy"`,
      `    x-axis "minutes" [${steps.map((s) => JSON.stringify(String(Math.round((s.atSeconds / 60) * 100) / 100))).join(", ")}]`,
      `    y-axis "weight %" 0 --> 100`,
      `    line [${steps.map((s) => s.weight).join(", ")}]`,
      "```",
    );
  }
  return lines.join("\n");
}
