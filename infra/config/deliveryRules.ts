/**
 * The stack config rules of a progressive service: the keys each Flagger strategy needs and the
 * ones it would silently ignore, weight steps Flagger can follow, alerts it can send, an
 * autoscaler whose bounds an HPA accepts.
 */
import type { z } from "zod";
import { analysisTraffic, type CanaryTrafficFacts } from "../../policies/rules/lib/analysisTraffic";
import { matchEntries } from "../../policies/vocabulary/abMatch";
import { weightStepProblems } from "../../policies/vocabulary/canaryWeights";
import { WEIGHTED_STRATEGIES, WEIGHT_KEYS, type CanaryStrategy as Strategy } from "../../policies/vocabulary/canaryStrategies";
import { CHANNEL_PROVIDER_TYPES, type ProgressiveServiceConfig, type StackConfig } from "./schema";
type CanaryConfig = ProgressiveServiceConfig["canary"];
type IssueAt = (...rest: (string | number)[]) => (string | number)[];

/** The keys that shape a rollout, and the strategies each belongs to. */
const STRATEGY_KEYS: { key: keyof CanaryConfig; strategies: Strategy[]; required: boolean }[] = [
  { key: "iterations", strategies: ["blueGreen", "abTest", "mirroring"], required: true },
  { key: "match", strategies: ["abTest"], required: true },
  { key: "mirrorWeight", strategies: ["mirroring"], required: false },
  { key: "sessionAffinity", strategies: ["sessionAffinity"], required: false },
];

/**
 * What the stack tells about a progressive service's analysis traffic. The load tester's proxy
 * knows only the canaries (its namespace's Sidecar imports each `<name>-canary`), and only the
 * canary pods allow it (authorization.ts): so it reaches the canary by `<name>-canary.<namespace>`,
 * and by a public host only where the mesh lets it leave (ALLOW_ANY) and an A/B route takes it.
 */
export function canaryTrafficFacts(svc: ProgressiveServiceConfig, stack: StackConfig): CanaryTrafficFacts {
  const canary = svc.canary;
  const largestWeight = canary.maxWeight ?? Math.max(0, ...(canary.stepWeights ?? []));
  return {
    strategy: canary.strategy,
    name: svc.name,
    namespace: svc.namespace,
    port: svc.port,
    match: matchEntries(canary.match).map((entry) => entry.headers),
    exposedHosts: svc.expose?.hosts ?? [],
    pathPrefix: svc.expose?.pathPrefix ?? "/",
    userShare: canary.strategy === "mirroring" ? (canary.mirrorWeight ?? 100) : largestWeight,
    loadTests: canary.loadTest ? [canary.loadTest.command] : [],
    loadTestKey: "canary.loadTest",
    loadtesterNamespace: stack.flagger.loadtesterNamespace,
    apexUnroutable: "the load tester's proxy knows only the canaries, so a request to the service's own host never takes Flagger's routes",
    ...(stack.istio.outboundTrafficPolicy === "REGISTRY_ONLY"
      ? { exposedUnroutable: "istio.outboundTrafficPolicy REGISTRY_ONLY keeps the load tester's requests to public hosts inside the mesh" }
      : {}),
  };
}

export function checkProgressive(svc: ProgressiveServiceConfig, stack: StackConfig, at: IssueAt, ctx: z.RefinementCtx): void {
  const alertsConfigured = stack.flagger.alerts.length > 0;
  const issue = (path: (string | number)[], input: unknown, message: string) =>
    ctx.addIssue({ code: "custom", path: at(...path), input, message });
  const canary = svc.canary;
  if (svc.trafficPolicy.connectionPool?.tcp) {
    issue(
      ["trafficPolicy", "connectionPool", "tcp"],
      "tcp",
      "Flagger's Canary only supports an HTTP connection pool; use delivery: static for a TCP pool",
    );
  }
  if (canary.alerts && !alertsConfigured) {
    issue(["canary", "alerts"], true, "needs flagger.alerts to say where alerts go (or set alerts: false)");
  }
  if (svc.autoscaler && svc.autoscaler.minReplicas > svc.autoscaler.maxReplicas) {
    issue(
      ["autoscaler", "minReplicas"],
      svc.autoscaler.minReplicas,
      `is above autoscaler.maxReplicas (${svc.autoscaler.maxReplicas}); a HorizontalPodAutoscaler needs its minimum at or below its maximum`,
    );
  }

  const strategy = canary.strategy;
  let strategyComplete = true;
  for (const { key, strategies, required } of STRATEGY_KEYS) {
    const set = canary[key] !== undefined;
    if (set && !strategies.includes(strategy)) {
      issue(["canary", key], canary[key], `does not apply to strategy ${strategy}; it belongs to ${strategies.join(", ")}`);
    } else if (!set && required && strategies.includes(strategy)) {
      issue(["canary", key], undefined, `is required for strategy ${strategy}`);
      strategyComplete = false;
    }
  }
  // Only a strategy with its keys has a traffic source to judge.
  if (strategyComplete) {
    const path = canary.loadTest ? ["canary", "loadTest", "command"] : ["canary", "loadTest"];
    for (const problem of analysisTraffic(canaryTrafficFacts(svc, stack)).problems) {
      issue(path, canary.loadTest?.command, problem);
    }
  }
  if (!WEIGHTED_STRATEGIES.includes(strategy)) {
    for (const key of WEIGHT_KEYS) {
      if (canary[key] !== undefined) {
        issue(["canary", key], canary[key], `does not apply to strategy ${strategy}, which does not shift traffic by weight`);
      }
    }
    return;
  }
  for (const problem of weightStepProblems(canary)) {
    issue(["canary", ...problem.path], problem.value, problem.message);
  }
}

/**
 * Alert providers have names of their own and only the fields their type reads; each alert names
 * a declared provider, once per severity.
 */
export function checkAlerts(stack: StackConfig, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], input: unknown, message: string) =>
    ctx.addIssue({ code: "custom", path: ["flagger", ...path], input, message });
  const providers = new Map<string, number>();
  stack.flagger.alertProviders.forEach((provider, i) => {
    const first = providers.get(provider.name);
    if (first !== undefined) {
      issue(["alertProviders", i, "name"], provider.name, `is listed twice (also alertProviders[${first}])`);
    } else {
      providers.set(provider.name, i);
    }
    for (const key of ["channel", "username"] as const) {
      if (provider[key] !== undefined && !CHANNEL_PROVIDER_TYPES.includes(provider.type)) {
        issue(["alertProviders", i, key], provider[key], `does not apply to type ${provider.type}; it posts where its webhook points`);
      }
    }
  });
  const routes = new Set<string>();
  stack.flagger.alerts.forEach((alert, i) => {
    if (!providers.has(alert.provider)) {
      issue(["alerts", i, "provider"], alert.provider, "is not a provider under flagger.alertProviders");
    }
    const route = `${alert.provider}/${alert.severity}`;
    if (routes.has(route)) {
      issue(["alerts", i], alert, "is listed twice");
    }
    routes.add(route);
  });
}
