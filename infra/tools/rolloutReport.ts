/**
 * What each progressive service's rollout will look like: the schedule of canary weights, the
 * time to promotion, the worst-case time to roll back and the largest share of traffic a failing
 * canary can get. Computed from the Canary the program declares, by the same function the
 * canary-timing rule enforces its limits with.
 */
import { canary } from "../../components/builders/canary";
import { canaryContext } from "../../components/builders/stack";
import { STRATEGY_NAMES } from "../../policies/vocabulary/canaryStrategies";
import { formatSeconds } from "../../policies/vocabulary/duration";
import { rolloutPlan, type RolloutPlan } from "../../policies/rules/lib/canaryAnalysis";
import type { StackConfig } from "../config/schema";
import { stackAnalysisTraffic } from "./analysisTrafficReport";
import { alignedTable } from "./textTable";

/** The analysis traffic of a rollout in words. */
const trafficText = (rollout: ServiceRollout) =>
  rollout.traffic.length > 0 ? rollout.traffic.join("; plus ") : "none: no request reaches the canary during the analysis";

export interface ServiceRollout {
  service: string;
  namespace: string;
  plan: RolloutPlan;
  /** Where the requests its analysis judges come from (analysisTrafficReport.ts). */
  traffic: string[];
}

export interface ScheduleStep {
  atSeconds: number;
  weight: number;
  note: string;
}

export function stackRollouts(config: StackConfig): ServiceRollout[] {
  const traffic = new Map(stackAnalysisTraffic(config).map((t) => [t.service, t.traffic.sources]));
  return config.services.flatMap((service) => {
    if (service.delivery !== "progressive") {
      return [];
    }
    const plan = rolloutPlan(canary(service, canaryContext(config)));
    if ("problem" in plan) {
      throw new Error(`${service.namespace}/${service.name}: ${plan.problem}`);
    }
    return [{ service: service.name, namespace: service.namespace, plan, traffic: traffic.get(service) ?? [] }];
  });
}

/**
 * The share of user traffic the canary answers over a healthy rollout, ending with the promotion:
 * the weights of a weighted (or session-affinity) rollout; for A/B all matched requests; none for
 * blue/green (test traffic only) and mirroring (the canary's answers to mirrored copies are dropped).
 */
export function schedule(plan: RolloutPlan): ScheduleStep[] {
  const interval = plan.intervalSeconds;
  const promoted = { atSeconds: plan.promotionSeconds, weight: 100, note: "promoted" };
  if (plan.iterations !== undefined) {
    const during = plan.strategy === "abTest" ? 100 : 0;
    const what = {
      abTest: "matched requests go to the canary",
      blueGreen: "the canary gets test traffic only",
      mirroring: "the canary gets mirrored copies; users get the primary's answers",
    }[plan.strategy as "abTest" | "blueGreen" | "mirroring"];
    return [
      { atSeconds: 0, weight: during, note: `pre-rollout checks; ${what}` },
      { atSeconds: plan.iterations * interval, weight: during, note: `${plan.iterations} analysis iterations done` },
      promoted,
    ];
  }
  return [
    { atSeconds: 0, weight: 0, note: "pre-rollout checks" },
    ...plan.weights.map((weight, i) => ({
      atSeconds: (i + 1) * interval,
      weight,
      note: i === plan.weights.length - 1 ? "max weight" : "",
    })),
    promoted,
  ];
}

/** Who a failing canary answers, at most. */
export function maxFailingShareText(plan: RolloutPlan): string {
  switch (plan.exposedTraffic) {
    case "all requests":
      return `${plan.maxFailingShare}%`;
    case "matched requests":
      return "matched requests only";
    case "no user requests":
      return plan.strategy === "mirroring" ? "none (mirrored copies)" : "none (test traffic)";
  }
}

function summaryLine(rollout: ServiceRollout): string[] {
  const plan = rollout.plan;
  const every = formatSeconds(plan.intervalSeconds);
  return [
    `${rollout.namespace}/${rollout.service}`,
    plan.iterations !== undefined
      ? `${STRATEGY_NAMES[plan.strategy]}, ${plan.iterations} x ${every}`
      : `${plan.weights.length} steps of ${every}${plan.strategy === "sessionAffinity" ? ", sticky" : ""}`,
    formatSeconds(plan.promotionSeconds),
    formatSeconds(plan.rollbackSeconds),
    maxFailingShareText(plan),
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
      `analysis traffic: ${trafficText(rollout)}`,
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
  lines.push("", "What each analysis judges:", "");
  for (const rollout of rollouts) {
    lines.push(`- \`${rollout.namespace}/${rollout.service}\`: ${trafficText(rollout)}`);
  }
  for (const rollout of rollouts) {
    const steps = schedule(rollout.plan);
    lines.push(
      "",
      "```mermaid",
      "xychart-beta",
      `    title "${rollout.namespace}/${rollout.service} (${STRATEGY_NAMES[rollout.plan.strategy]}): share of users the canary answers while healthy"`,
      `    x-axis "minutes" [${steps.map((s) => JSON.stringify(String(Math.round((s.atSeconds / 60) * 100) / 100))).join(", ")}]`,
      `    y-axis "%" 0 --> 100`,
      `    line [${steps.map((s) => s.weight).join(", ")}]`,
      "```",
    );
  }
  return lines.join("\n");
}
