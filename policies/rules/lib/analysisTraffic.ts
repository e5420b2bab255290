/**
 * Where a canary's analysis traffic comes from. Flagger judges a canary on the metrics of the
 * requests it receives; with none, its queries return no value, which counts as a failed check
 * (https://github.com/fluxcd/flagger/blob/v1.44.0/pkg/controller/scheduler_metrics.go, "no values
 * found ... is not receiving traffic"), so the rollout is rolled back every time. Which requests reach the canary depends on the
 * strategy: users by weight (weighted, session affinity), copies of users' requests (mirroring),
 * users whose requests match (A/B), and during a blue/green analysis no user at all; a load test
 * adds requests when it calls the canary (and, for an A/B test, sends the match).
 * https://docs.flagger.app/usage/deployment-strategies
 *
 * One judgement for the stack config (errors before anything is built) and for the pack (a
 * Canary from anywhere): each describes what it knows in CanaryTrafficFacts.
 */
import { describeMatch, requestMatches, type MatchEntry } from "../../vocabulary/abMatch";
import { STRATEGY_NAMES } from "../../vocabulary/canaryStrategies";
import { canaryName, primaryName } from "../../vocabulary/flaggerNames";
import type { K8sObject } from "../../vocabulary/k8sObject";
import { analysisOf, rolloutPlan, type RolloutStrategy } from "./canaryAnalysis";
import { readLoadTest, type LoadTestRequest } from "./loadTestCommand";
import { dict, list, specOf, type Dict } from "./objects";

export interface CanaryTrafficFacts {
  strategy: RolloutStrategy;
  /** The Canary's target: the services Flagger makes are `<name>`, `<name>-primary` and `<name>-canary`. */
  name: string;
  namespace: string;
  /** The port of those services. */
  port: number;
  /** A/B: the conditions that send a request to the canary. */
  match: readonly MatchEntry[];
  /** Public hosts the canary's route serves, under `pathPrefix`. */
  exposedHosts: readonly string[];
  pathPrefix: string;
  /** The largest weight (weighted) or the mirrored share (mirroring) of users' requests, percent. */
  userShare?: number;
  /** The commands of the load tests the analysis runs. */
  loadTests: readonly string[];
  /** Where the reader declares a load test: `canary.loadTest`, or `analysis.webhooks, type rollout`. */
  loadTestKey: string;
  /** The load tester's namespace, where a host without a namespace resolves. */
  loadtesterNamespace?: string;
  /** Why requests from the load tester to `<name>.<namespace>` cannot follow Flagger's routes, if they cannot. */
  apexUnroutable?: string;
  /** Why requests from the load tester to the public hosts cannot follow Flagger's routes, if they cannot. */
  exposedUnroutable?: string;
}

export interface AnalysisTraffic {
  /** Where the analysis traffic comes from, in words. */
  sources: string[];
  /** What keeps the canary from its analysis traffic: a config error, a mandatory finding. */
  problems: string[];
  /** What an operator should know: what the check cannot tell, and traffic that relies on users alone. */
  warnings: string[];
  /** Whether a load test certainly sends the canary requests (with the match, for an A/B test). */
  loadTestReaches: boolean;
  /** Whether users' requests reach the canary during the analysis. */
  usesUserRequests: boolean;
}

/** `a`, `a.ns`, `a.ns.svc`, `a.ns.svc.cluster.local`: a Service by name, with its namespace when the host has one. */
function clusterService(host: string): { service: string; namespace?: string } | undefined {
  const match = /^([a-z0-9-]+)(?:\.([a-z0-9-]+)(?:\.svc(?:\.cluster\.local)?)?)?\.?$/.exec(host);
  return match ? { service: match[1], namespace: match[2] } : undefined;
}

type Verdict = { reaches: true; needsMatch: boolean } | { reaches: false; why: string };

/** Whether one request of a load test reaches the canary, and if not, why. */
function verdictOf(request: LoadTestRequest, facts: CanaryTrafficFacts): Verdict {
  const { name, namespace, port, strategy } = facts;
  const canary = canaryName(name);
  const fix = `call ${canary}.${namespace}:${port}`;
  const where = `${request.host}:${request.port}`;
  const weighted = strategy === "weighted" || strategy === "sessionAffinity";
  const service = clusterService(request.host);
  const ours = service && [canary, name, primaryName(name)].includes(service.service);
  if (ours && service.namespace === undefined) {
    const tester = facts.loadtesterNamespace ? ` (${facts.loadtesterNamespace})` : "";
    return {
      reaches: false,
      why: `${where} names no namespace, so it resolves in the load tester's namespace${tester}, not in ${namespace}: ${fix}`,
    };
  }
  if (ours && service.namespace === namespace) {
    if (request.port !== port) {
      return { reaches: false, why: `${where} is the wrong port: ${service.service} listens on ${port}` };
    }
    if (service.service === canary) {
      return { reaches: true, needsMatch: strategy === "abTest" };
    }
    if (service.service === primaryName(name)) {
      return { reaches: false, why: `${where} is the primary, which runs the previous version: ${fix}` };
    }
    if (!weighted && strategy !== "abTest") {
      return { reaches: false, why: `${where} sends every request to the primary during a ${STRATEGY_NAMES[strategy]} analysis: ${fix}` };
    }
    return facts.apexUnroutable
      ? { reaches: false, why: `${where}: ${facts.apexUnroutable}: ${fix}` }
      : { reaches: true, needsMatch: strategy === "abTest" };
  }
  if (facts.exposedHosts.includes(request.host)) {
    if (!weighted && strategy !== "abTest") {
      return { reaches: false, why: `${request.host} serves the primary during a ${STRATEGY_NAMES[strategy]} analysis: ${fix}` };
    }
    if (!request.path.startsWith(facts.pathPrefix)) {
      return {
        reaches: false,
        why: `${request.url} is outside ${facts.pathPrefix}, the path the canary's route serves on ${request.host}`,
      };
    }
    return facts.exposedUnroutable
      ? { reaches: false, why: `${request.host}: ${facts.exposedUnroutable}: ${fix}` }
      : { reaches: true, needsMatch: strategy === "abTest" };
  }
  return { reaches: false, why: `${where} is not ${name}'s canary: ${fix}` };
}

export function analysisTraffic(facts: CanaryTrafficFacts): AnalysisTraffic {
  const { strategy } = facts;
  const problems: string[] = [];
  const warnings: string[] = [];
  const reached: string[] = [];
  const userRequests = {
    weighted: `users' requests, by weight (up to ${facts.userShare ?? 100}%)`,
    sessionAffinity: `users' requests, by weight (up to ${facts.userShare ?? 100}%), each user kept on one version`,
    mirroring: `copies of ${facts.userShare ?? 100}% of users' requests (their answers are dropped)`,
    abTest: `users' requests that match (${describeMatch(facts.match)})`,
    blueGreen: undefined,
  }[strategy];
  // A load test that misses the canary is an error where the analysis needs it, a warning where users' requests reach the canary anyway.
  const needsLoadTest = strategy === "blueGreen" || strategy === "mirroring" || strategy === "abTest";
  const miss = (message: string) => (needsLoadTest ? problems : warnings).push(message);
  facts.loadTests.forEach((command) => {
    const reading = readLoadTest(command);
    if ("unreadable" in reading) {
      warnings.push(`cannot tell whether the load test (${facts.loadTestKey}: ${command}) reaches the canary: ${reading.unreadable}`);
      return;
    }
    const verdicts = reading.requests.map((request) => ({ request, verdict: verdictOf(request, facts) }));
    const reaching = verdicts.filter((v) => v.verdict.reaches);
    if (reaching.length === 0) {
      verdicts.forEach(
        ({ verdict }) => !verdict.reaches && miss(`the load test (${facts.loadTestKey}) does not reach the canary: ${verdict.why}`),
      );
      return;
    }
    const unmatched = reaching.filter(
      ({ request, verdict }) => verdict.reaches && verdict.needsMatch && !requestMatches(facts.match, request.headers),
    );
    unmatched.forEach(({ request }) =>
      problems.push(
        `the load test (${facts.loadTestKey}) calls ${request.url} without the A/B test's match (${describeMatch(facts.match)}): an A/B load test ` +
          `sends what takes matched users to the canary (hey -H, curl -H or -b)`,
      ),
    );
    if (unmatched.length < reaching.length) {
      reached.push(`the load test (${reaching[0].request.url})`);
    }
  });
  if (strategy === "blueGreen" && facts.loadTests.length === 0) {
    problems.push(
      `a blue/green analysis sends the canary no user requests, and there is no load test (${facts.loadTestKey}) to send any: every check ` +
        `would find no data and the rollout would be rolled back; add one that calls ${canaryName(facts.name)}.${facts.namespace}:${facts.port}`,
    );
  }
  if (strategy === "abTest" && reached.length === 0 && facts.loadTests.length === 0) {
    warnings.push(
      `the A/B analysis relies on users who send the match (${describeMatch(facts.match)}); without them it has no data and rolls ` +
        `back: a load test (${facts.loadTestKey}) that sends the match keeps it fed`,
    );
  }
  return {
    sources: [...(userRequests ? [userRequests] : []), ...reached],
    problems,
    warnings,
    loadTestReaches: reached.length > 0,
    usesUserRequests: userRequests !== undefined,
  };
}

/** A rollout webhook's command, or why it has none this check reads. */
function webhookCommand(webhook: Dict): { command: string } | { other: string } {
  const metadata = dict(webhook.metadata);
  const type = metadata.type ?? "cmd";
  if ((type === "cmd" || type === "bash") && typeof metadata.cmd === "string") {
    return { command: metadata.cmd };
  }
  return { other: `the rollout webhook ${String(webhook.name)} runs a ${String(type)} task, not a command` };
}

/**
 * What a Canary itself tells about its analysis traffic: its strategy, services, match and public
 * hosts, and its rollout webhooks' commands. Where the load tester runs comes from the webhooks'
 * URL (`http://<release>.<namespace>/`). Undefined when its analysis has no strategy to judge.
 */
export function canaryTrafficFactsOf(canary: K8sObject): { facts: CanaryTrafficFacts; unread: string[] } | undefined {
  const plan = rolloutPlan(canary);
  if ("problem" in plan) {
    return undefined;
  }
  const spec = specOf(canary);
  const service = dict(spec.service);
  const analysis = analysisOf(canary);
  const name = typeof service.name === "string" ? service.name : dict(spec.targetRef).name;
  if (typeof name !== "string" || typeof service.port !== "number") {
    return undefined;
  }
  const rollout = list(analysis.webhooks)
    .map(dict)
    .filter((webhook) => webhook.type === "rollout");
  const commands = rollout.map(webhookCommand);
  const testerHost = rollout.map((webhook) =>
    typeof webhook.url === "string" ? /^https?:\/\/[^./:]+\.([a-z0-9-]+)/.exec(webhook.url)?.[1] : undefined,
  );
  const gateways = list(service.gateways).filter((g): g is string => typeof g === "string");
  const prefix = list(service.match)
    .map((m) => dict(dict(m).uri).prefix)
    .find((p): p is string => typeof p === "string");
  return {
    facts: {
      strategy: plan.strategy,
      name,
      namespace: canary.metadata.namespace ?? "default",
      port: service.port,
      match: list(analysis.match).map((entry) => dict(dict(entry).headers) as MatchEntry),
      exposedHosts: list(service.hosts).filter((host): host is string => typeof host === "string" && host !== name),
      pathPrefix: prefix ?? "/",
      userShare:
        plan.strategy === "mirroring" ? (typeof analysis.mirrorWeight === "number" ? analysis.mirrorWeight : 100) : plan.maxFailingShare,
      loadTests: commands.flatMap((c) => ("command" in c ? [c.command] : [])),
      loadTestKey: "analysis.webhooks, type rollout",
      loadtesterNamespace: testerHost.find((ns) => ns !== undefined),
      // Flagger binds its VirtualService to `mesh` unless the Canary names only other gateways.
      ...(gateways.length > 0 && !gateways.includes("mesh")
        ? { apexUnroutable: "the Canary's routes are bound to its gateways only (no mesh), so requests inside the mesh do not take them" }
        : {}),
    },
    unread: commands.flatMap((c) => ("other" in c ? [c.other] : [])),
  };
}
