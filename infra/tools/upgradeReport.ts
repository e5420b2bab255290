/**
 * Where a stack stands in a control-plane canary upgrade: which istiod revision serves which
 * namespaces, what must restart to run the proxy of its istiod, and the next step of the runbook in
 * docs/upgrading-istio.md. Computed from the config alone: the plan cannot see which pods run
 * which proxy, so it prints the command that shows them.
 */
import { revisionAssignments, servingIstiod, type ProxyConsumer, type RevisionAssignment } from "../../components/builders/controlPlane";
import type { StackConfig } from "../config/schema";
import { newestRevision, type RevisionSpec } from "../config/istioRevisions";
import { alignedTable } from "./textTable";

export type UpgradeState = "no revisions" | "settled" | "upgrading";

export interface RestartCheck {
  consumer: ProxyConsumer;
  /** The revision whose proxy the pods should run. */
  revision: string;
  /** Lists the pods still running another revision's proxy (injected pods carry `istio.io/rev=<revision>`). */
  findStale: string;
  restart: string;
}

export interface UpgradeView {
  state: UpgradeState;
  baseVersion: string;
  assignments: RevisionAssignment[];
  /** The revision whose istiod validates all Istio config (base's default validator). */
  validator: string;
  restarts: RestartCheck[];
  nextStep: string;
  /** How to undo the latest move, while one is in flight. */
  rollback?: string;
}

export function upgradeView(config: StackConfig): UpgradeView {
  const assignments = revisionAssignments(config);
  const validator = servingIstiod(config.istio, config.versions, config.istio.defaultRevision).name;
  const state: UpgradeState = !config.istio.revisions ? "no revisions" : assignments.length === 1 ? "settled" : "upgrading";
  const restarts = config.istio.revisions
    ? assignments.flatMap(({ revision, consumers }) => consumers.map((consumer) => restartCheck(consumer, revision.name)))
    : [];
  return {
    state,
    baseVersion: config.versions.istio,
    assignments,
    validator,
    restarts,
    ...nextStep(config, state, assignments, validator),
  };
}

/** How to restart a consumer's proxies onto `revision`, and how to list the pods that still run another. */
export function restartCheck(consumer: ProxyConsumer, revision: string): RestartCheck {
  const ns = consumer.namespace;
  const restart =
    consumer.kind === "ingress gateway"
      ? `kubectl rollout restart deployment/istio-ingressgateway -n ${ns}`
      : `kubectl rollout restart deployment -n ${ns}`;
  return { consumer, revision, findStale: `kubectl get pods -n ${ns} -l 'istio.io/rev,istio.io/rev!=${revision}'`, restart };
}

const describeConsumer = (c: ProxyConsumer) => `${c.kind} ${c.namespace}`;
const revisionKey = (config: StackConfig, revision: RevisionSpec) =>
  `istio.revisions[${(config.istio.revisions ?? []).findIndex((r) => r.name === revision.name)}]`;

function nextStep(
  config: StackConfig,
  state: UpgradeState,
  assignments: RevisionAssignment[],
  validator: string,
): Pick<UpgradeView, "nextStep" | "rollback"> {
  if (state === "no revisions") {
    return {
      nextStep:
        `One istiod (${config.versions.istio}) without a revision serves every namespace (istio-injection=enabled). To upgrade as a ` +
        `canary, first move onto revisions: list it as the revision named "default" with a tag and make that tag ` +
        `istio.defaultRevision; nothing restarts (docs/upgrading-istio.md, step 0).`,
    };
  }
  if (state === "settled") {
    const only = assignments[0].revision;
    return {
      nextStep:
        `Settled: revision ${only.name} (${only.version}) serves everything. To upgrade, add the new version as a second ` +
        `revision with a tag of its own and raise versions.istio to it (docs/upgrading-istio.md, step 1).`,
    };
  }
  const newest = newestRevision(assignments.map((a) => a.revision))!;
  const idle = assignments.filter((a) => a.revision !== newest && a.consumers.length === 0 && a.revision.name !== validator);
  if (idle.length > 0) {
    const names = idle.map((a) => a.revision.name);
    return {
      nextStep:
        `Nothing selects ${names.join(", ")} any more. Once no pod runs its proxy ` +
        `(${names.map((n) => `kubectl get pods -A -l istio.io/rev=${n}`).join("; ")} shows none), remove ` +
        `${idle.map((a) => revisionKey(config, a.revision)).join(", ")} from istio.revisions (docs/upgrading-istio.md, step 4).`,
      rollback:
        `Until then you can still go back: move the tags back to ${names.join(", ")}, pulumi up, then restart the workloads ` +
        `that moved.`,
    };
  }
  const newAssignment = assignments.find((a) => a.revision === newest)!;
  const newSelector = newest.tags[0] ?? newest.name;
  if (newAssignment.consumers.length === 0) {
    return {
      nextStep:
        `Revision ${newest.name} (${newest.version}) runs beside the others and serves nothing yet. Move a first namespace to ` +
        `it: set its namespaces[].revision (or flagger.loadtesterRevision) to "${newSelector}", pulumi up, then restart its ` +
        `workloads (docs/upgrading-istio.md, step 2).`,
    };
  }
  const oldConsumers = assignments
    .filter((a) => a.revision !== newest)
    .flatMap((a) => a.consumers.map((c) => ({ c, revision: a.revision })));
  const movedKeys = newAssignment.consumers.filter((c) => c.selectedBy !== "istio.defaultRevision").map((c) => c.selectedBy);
  const steps: string[] = [];
  const oldTags = new Set(oldConsumers.map(({ c }) => c.selector));
  for (const { revision } of assignments.filter((a) => a.revision !== newest)) {
    for (const tag of revision.tags.filter((t) => oldTags.has(t))) {
      const served = oldConsumers.filter(({ c }) => c.selector === tag).map(({ c }) => c.namespace);
      steps.push(
        `move the tag "${tag}" from ${revision.name} to ${newest.name} (take it out of ${revisionKey(config, revision)}.tags and add ` +
          `it to ${revisionKey(config, newest)}.tags), pulumi up, then restart the workloads in ${served.join(", ")}`,
      );
    }
  }
  const byName = oldConsumers.filter(({ c, revision }) => c.selector === revision.name);
  for (const { c } of byName) {
    steps.push(
      `set ${c.selectedBy ?? "its revision"} to "${newSelector}" so that ${describeConsumer(c)} moves, then restart its workloads`,
    );
  }
  return {
    nextStep:
      `Canary upgrade in progress: ${newest.name} (${newest.version}) serves ` +
      `${newAssignment.consumers.map(describeConsumer).join(", ")}. Once those workloads run on ${newest.name} and are healthy, ` +
      `${steps.join("; and ")} (docs/upgrading-istio.md, step 3).`,
    rollback:
      validator !== newest.name && movedKeys.length > 0
        ? `Set ${movedKeys.join(", ")} back to "${config.istio.defaultRevision}" (or remove the key to follow istio.defaultRevision), ` +
          `pulumi up, then restart the workloads in ${newAssignment.consumers.map((c) => c.namespace).join(", ")}.`
        : `Move the tags that now point at ${newest.name} back to the revision they came from, pulumi up, then restart the ` +
          `workloads in ${newAssignment.consumers.map((c) => c.namespace).join(", ")}.`,
  };
}

/** The plan's control-plane section as text. */
export function upgradeText(view: UpgradeView): string {
  const lines = [`Istio control plane: base (CRDs) ${view.baseVersion}; ${STATE_TEXT[view.state]}`];
  lines.push(
    alignedTable([
      ["revision", "version", "tags", "serves"],
      ...view.assignments.map(({ revision, consumers }) => [
        revision.name,
        revision.version,
        revision.tags.join(", ") || "-",
        [...consumers.map(describeConsumer), ...(revision.name === view.validator ? ["default validator"] : [])].join(", ") || "nothing",
      ]),
    ]),
  );
  if (view.restarts.length > 0) {
    lines.push(
      "",
      "Pods keep the proxy of the istiod that injected them until they restart. After a move, list those on another revision and restart:",
      ...view.restarts.map((r) => `  ${describeConsumer(r.consumer)} (${r.revision}): ${r.findStale}; ${r.restart}`),
    );
  }
  lines.push("", `Next step: ${view.nextStep}`);
  if (view.rollback) {
    lines.push(`Roll back: ${view.rollback}`);
  }
  return lines.join("\n");
}

/** The plan's control-plane section as Markdown, for a pull request or job summary. */
export function upgradeMarkdown(stack: string, view: UpgradeView): string {
  const lines = [`### Istio control plane: ${stack}`, "", `Base (CRDs) ${view.baseVersion}; ${STATE_TEXT[view.state]}.`, ""];
  lines.push("| revision | version | tags | serves |", "|---|---|---|---|");
  for (const { revision, consumers } of view.assignments) {
    const serves = [...consumers.map(describeConsumer), ...(revision.name === view.validator ? ["default validator"] : [])];
    lines.push(`| ${revision.name} | ${revision.version} | ${revision.tags.join(", ") || "-"} | ${serves.join(", ") || "nothing"} |`);
  }
  lines.push("", `**Next step:** ${view.nextStep}`);
  if (view.rollback) {
    lines.push("", `**Roll back:** ${view.rollback}`);
  }
  if (view.restarts.length > 0) {
    lines.push("", "Pods still on another revision, and how to restart them:", "", "```sh");
    lines.push(...view.restarts.flatMap((r) => [r.findStale, r.restart]));
    lines.push("```");
  }
  return lines.join("\n");
}

const STATE_TEXT: Record<UpgradeState, string> = {
  "no revisions": "one istiod without revisions",
  settled: "one revision, upgrade settled",
  upgrading: "several revisions, canary upgrade in progress",
};
