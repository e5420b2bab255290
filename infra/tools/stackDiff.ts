/**
 * What a change to a stack means for traffic and for people, rather than for resources: services
 * added, removed or changed, the paths default-deny opens and closes, each canary's numbers
 * before and after, what moves to another istiod and must restart, the policy findings a change
 * brings or clears, and which secrets it touches (by name). Both sides go through the same
 * builders as render, check and plan; this module only compares what they return.
 */
import { serviceKey } from "../../components/builders/callGraph";
import { istiodRevisions, revisionAssignments } from "../../components/builders/controlPlane";
import { sourcedChartReleases } from "../../components/builders/stack";
import type { PackConfig } from "../../policies/packConfig";
import { isDict } from "../../policies/rules/lib/objects";
import { STRATEGY_NAMES } from "../../policies/vocabulary/canaryStrategies";
import { formatSeconds } from "../../policies/vocabulary/duration";
import type { ServiceConfig, StackConfig } from "../config/schema";
import { webhookPlaceholder, type StackFile } from "../config/stackFile";
import { runCheck } from "./check";
import { perimeterOf, type PerimeterEdge } from "./perimeterReport";
import { maxFailingShareText, stackRollouts } from "./rolloutReport";
import { restartCheck } from "./upgradeReport";

/** A policy finding, as the diff compares them: the same rule, subject and message on both sides is the same finding. */
export interface Finding {
  rule: string;
  level: "mandatory" | "advisory";
  subject: string;
  message: string;
}

/** One side of the comparison: the validated config, its encrypted values and what the pack finds in it. */
export interface StackSide {
  config: StackConfig;
  encryptedValues: ReadonlyMap<string, string>;
  findings: Finding[];
}

/** A value before and after; undefined where the key is absent on that side. */
export interface FieldChange {
  key: string;
  before?: unknown;
  after?: unknown;
}

export interface ServiceSummary {
  /** `namespace/name` */
  service: string;
  delivery: ServiceConfig["delivery"];
  /** How reports name the canary's strategy, for a progressive service. */
  strategy?: string;
}

/** plan's numbers for one rollout. */
export interface RolloutNumbers {
  promotedAfter: string;
  rollbackWithin: string;
  maxFailingShare: string;
}

export interface ServiceChange {
  service: string;
  delivery?: { before: string; after: string };
  strategy?: { before?: string; after?: string };
  /** The rollout's numbers on each side, when they differ (undefined on a side where the service is static). */
  rollout?: { before?: RolloutNumbers; after?: RolloutNumbers };
  /** The keys of the service's entry that changed, apart from its calls and exposure (the perimeter shows those). */
  fields: FieldChange[];
}

export interface PerimeterChange {
  added: PerimeterEdge[];
  removed: PerimeterEdge[];
  kept: PerimeterEdge[];
  /** Services nothing may call after the change that something could call before (or that are new). */
  lockedOut: string[];
  /** Services something may call after the change that nothing could call before. */
  reopened: string[];
}

export interface NamedChange {
  name: string;
  fields: FieldChange[];
}

export interface RevisionMove {
  /** `namespace payments`, `load tester flagger-loadtester`, `ingress gateway istio-ingress` */
  consumer: string;
  before: string;
  after: string;
  restart: string;
  findStale: string;
}

export interface ControlPlaneChange {
  revisionsAdded: string[];
  revisionsRemoved: string[];
  tagsMoved: { tag: string; before?: string; after?: string }[];
  defaultRevision?: { before?: string; after?: string };
  moves: RevisionMove[];
  charts: { release: string; chart: string; before?: string; after?: string }[];
}

export interface StackDiff {
  findings: { introduced: Finding[]; resolved: Finding[] };
  services: { added: ServiceSummary[]; removed: ServiceSummary[]; changed: ServiceChange[] };
  perimeter: PerimeterChange;
  gateways: { added: string[]; removed: string[]; changed: NamedChange[] };
  controlPlane: ControlPlaneChange;
  secrets: { added: string[]; removed: string[]; setAgain: string[] };
  /** Every other key of the config that changed. */
  settings: FieldChange[];
}

/** One side of the comparison, judged by the pack with the given config, as `check --stack` judges it. */
export function judgedSide(loaded: StackFile, file: string, packConfig: PackConfig): StackSide {
  const result = runCheck({ subject: { kind: "stack", config: loaded.config, file, webhookUrlOf: webhookPlaceholder }, packConfig });
  const findings = result.violations.map(({ rule, level, subject, message }) => ({ rule, level, subject, message }));
  return { config: loaded.config, encryptedValues: loaded.encryptedValues, findings };
}

/** The name a list item is keyed by in a key path: `namespace/name` for services, `name` for anything named. */
function itemName(item: unknown): string | undefined {
  if (!isDict(item) || typeof item.name !== "string") {
    return undefined;
  }
  return typeof item.namespace === "string" ? `${item.namespace}/${item.name}` : item.name;
}

/**
 * Every leaf of a value by key path: objects by key, named list items by name (`gateways[public]`)
 * so that reordering a list changes nothing, other lists of objects by index, lists of scalars as
 * one value.
 */
export function leaves(value: unknown, key = "", out = new Map<string, unknown>()): Map<string, unknown> {
  const join = (child: string) => (key ? `${key}.${child}` : child);
  if (Array.isArray(value)) {
    const names = value.map(itemName);
    if (value.length > 0 && names.every((name) => name !== undefined) && new Set(names).size === names.length) {
      value.forEach((item, i) => leaves(item, `${key}[${names[i]}]`, out));
    } else if (value.some((item) => typeof item === "object" && item !== null)) {
      value.forEach((item, i) => leaves(item, `${key}[${i}]`, out));
    } else {
      out.set(key, value);
    }
  } else if (isDict(value)) {
    const entries = Object.entries(value).filter(([, child]) => child !== undefined);
    if (entries.length === 0 && key) {
      out.set(key, {});
    }
    entries.forEach(([child, v]) => leaves(v, join(child), out));
  } else if (value !== undefined) {
    out.set(key, value);
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The keys whose values differ, in the order the after side lists them, then those only the before side has. */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const [was, is] = [leaves(before), leaves(after)];
  const keys = [...is.keys(), ...[...was.keys()].filter((key) => !is.has(key))];
  return keys
    .filter((key) => !same(was.get(key), is.get(key)))
    .map((key) => ({ key, ...(was.has(key) ? { before: was.get(key) } : {}), ...(is.has(key) ? { after: is.get(key) } : {}) }));
}

/** Keys of a service that the perimeter shows as paths, or the service change as its own line. */
const SHOWN_ELSEWHERE = [/^calls\.(services|apis)$/, /^expose\.(gateway|hosts|pathPrefix)$/, /^expose$/, /^(name|namespace|delivery)$/];

function rolloutNumbers(config: StackConfig): Map<string, { strategy: string; numbers: RolloutNumbers }> {
  return new Map(
    stackRollouts(config).map(({ namespace, service, plan }) => [
      `${namespace}/${service}`,
      {
        strategy: STRATEGY_NAMES[plan.strategy],
        numbers: {
          promotedAfter: formatSeconds(plan.promotionSeconds),
          rollbackWithin: formatSeconds(plan.rollbackSeconds),
          maxFailingShare: maxFailingShareText(plan),
        },
      },
    ]),
  );
}

function servicesChange(base: StackConfig, head: StackConfig): StackDiff["services"] {
  const [was, is] = [new Map(base.services.map((s) => [serviceKey(s), s])), new Map(head.services.map((s) => [serviceKey(s), s]))];
  const [wasRollouts, isRollouts] = [rolloutNumbers(base), rolloutNumbers(head)];
  const summary = (service: ServiceConfig, rollouts: typeof wasRollouts): ServiceSummary => ({
    service: serviceKey(service),
    delivery: service.delivery,
    ...(rollouts.has(serviceKey(service)) ? { strategy: rollouts.get(serviceKey(service))!.strategy } : {}),
  });
  const changed = [...is.entries()].flatMap(([key, after]): ServiceChange[] => {
    const before = was.get(key);
    if (!before) {
      return [];
    }
    const [then, now] = [wasRollouts.get(key), isRollouts.get(key)];
    const change: ServiceChange = {
      service: key,
      ...(before.delivery !== after.delivery ? { delivery: { before: before.delivery, after: after.delivery } } : {}),
      ...(then?.strategy !== now?.strategy && then && now ? { strategy: { before: then.strategy, after: now.strategy } } : {}),
      ...(!same(then?.numbers, now?.numbers) ? { rollout: { before: then?.numbers, after: now?.numbers } } : {}),
      fields: fieldChanges(before, after).filter((field) => !SHOWN_ELSEWHERE.some((shown) => shown.test(field.key))),
    };
    return change.delivery || change.strategy || change.rollout || change.fields.length > 0 ? [change] : [];
  });
  return {
    added: [...is.entries()].filter(([key]) => !was.has(key)).map(([, service]) => summary(service, isRollouts)),
    removed: [...was.entries()].filter(([key]) => !is.has(key)).map(([, service]) => summary(service, wasRollouts)),
    changed,
  };
}

const edgeKey = (edge: PerimeterEdge) => JSON.stringify([edge.kind, edge.from, edge.to, edge.via ?? ""]);

function perimeterChange(base: StackConfig, head: StackConfig): PerimeterChange {
  const [was, is] = [perimeterOf(base), perimeterOf(head)];
  const wasKeys = new Set(was.edges.map(edgeKey));
  const isKeys = new Set(is.edges.map(edgeKey));
  const wasLocked = new Set(was.unreachable);
  const isLocked = new Set(is.unreachable);
  const stillThere = new Set(head.services.map(serviceKey));
  return {
    added: is.edges.filter((edge) => !wasKeys.has(edgeKey(edge))),
    removed: was.edges.filter((edge) => !isKeys.has(edgeKey(edge))),
    kept: is.edges.filter((edge) => wasKeys.has(edgeKey(edge))),
    lockedOut: is.unreachable.filter((service) => !wasLocked.has(service)),
    reopened: was.unreachable.filter((service) => !isLocked.has(service) && stillThere.has(service)),
  };
}

function gatewaysChange(base: StackConfig, head: StackConfig): StackDiff["gateways"] {
  const [was, is] = [base.istio.ingressGateway.gateways, head.istio.ingressGateway.gateways];
  const wasNames = new Set(was.map((g) => g.name));
  const isNames = new Set(is.map((g) => g.name));
  return {
    added: is.filter((g) => !wasNames.has(g.name)).map((g) => g.name),
    removed: was.filter((g) => !isNames.has(g.name)).map((g) => g.name),
    changed: is
      .filter((g) => wasNames.has(g.name))
      .map((g) => ({
        name: g.name,
        fields: fieldChanges(
          was.find((w) => w.name === g.name),
          g,
        ).filter((f) => f.key !== "name"),
      }))
      .filter((change) => change.fields.length > 0),
  };
}

/** Which istiod revision each tag points at. */
function tagTargets(config: StackConfig): Map<string, string> {
  return new Map(istiodRevisions(config.istio, config.versions).flatMap((revision) => revision.tags.map((tag) => [tag, revision.name])));
}

function controlPlaneChange(base: StackConfig, head: StackConfig): ControlPlaneChange {
  const describe = (revision: { name: string; version: string }) => `${revision.name} (${revision.version})`;
  const [wasRevisions, isRevisions] = [istiodRevisions(base.istio, base.versions), istiodRevisions(head.istio, head.versions)];
  const wasIds = new Set(wasRevisions.map(describe));
  const isIds = new Set(isRevisions.map(describe));
  const [wasTags, isTags] = [tagTargets(base), tagTargets(head)];
  const tags = [...new Set([...wasTags.keys(), ...isTags.keys()])];
  const serving = (config: StackConfig) =>
    new Map(
      revisionAssignments(config).flatMap(({ revision, consumers }) =>
        consumers.map((consumer) => [`${consumer.kind} ${consumer.namespace}`, { consumer, revision: revision.name }] as const),
      ),
    );
  const [wasServing, isServing] = [serving(base), serving(head)];
  const moves = [...isServing.entries()].flatMap(([key, now]): RevisionMove[] => {
    const then = wasServing.get(key);
    if (!then || then.revision === now.revision) {
      return [];
    }
    const { restart, findStale } = restartCheck(now.consumer, now.revision);
    return [{ consumer: key, before: then.revision, after: now.revision, restart, findStale }];
  });
  const charts = (config: StackConfig) => new Map(sourcedChartReleases(config).map(({ value }) => [value.name, value]));
  const [wasCharts, isCharts] = [charts(base), charts(head)];
  const releases = [...new Set([...wasCharts.keys(), ...isCharts.keys()])];
  return {
    revisionsAdded: isRevisions.map(describe).filter((id) => !wasIds.has(id)),
    revisionsRemoved: wasRevisions.map(describe).filter((id) => !isIds.has(id)),
    tagsMoved: tags
      .filter((tag) => wasTags.get(tag) !== isTags.get(tag))
      .map((tag) => ({
        tag,
        ...(wasTags.has(tag) ? { before: wasTags.get(tag) } : {}),
        ...(isTags.has(tag) ? { after: isTags.get(tag) } : {}),
      })),
    ...(base.istio.defaultRevision !== head.istio.defaultRevision
      ? { defaultRevision: { before: base.istio.defaultRevision, after: head.istio.defaultRevision } }
      : {}),
    moves,
    charts: releases
      .filter((release) => wasCharts.get(release)?.version !== isCharts.get(release)?.version)
      .map((release) => ({
        release,
        chart: (isCharts.get(release) ?? wasCharts.get(release))!.chart,
        ...(wasCharts.has(release) ? { before: wasCharts.get(release)!.version } : {}),
        ...(isCharts.has(release) ? { after: isCharts.get(release)!.version } : {}),
      })),
  };
}

const findingKey = (finding: Finding) => JSON.stringify([finding.rule, finding.level, finding.subject, finding.message]);
const mandatoryFirst = (a: Finding, b: Finding) => (a.level === b.level ? 0 : a.level === "mandatory" ? -1 : 1);

function findingsChange(base: Finding[], head: Finding[]): StackDiff["findings"] {
  const [was, is] = [new Set(base.map(findingKey)), new Set(head.map(findingKey))];
  return {
    introduced: head.filter((f) => !was.has(findingKey(f))).sort(mandatoryFirst),
    resolved: base.filter((f) => !is.has(findingKey(f))).sort(mandatoryFirst),
  };
}

function secretsChange(base: ReadonlyMap<string, string>, head: ReadonlyMap<string, string>): StackDiff["secrets"] {
  return {
    added: [...head.keys()].filter((key) => !base.has(key)),
    removed: [...base.keys()].filter((key) => !head.has(key)),
    setAgain: [...head.keys()].filter((key) => base.has(key) && base.get(key) !== head.get(key)),
  };
}

/** Keys the sections above explain: services, the Gateways, the revisions and the chart versions. */
const EXPLAINED_SETTINGS = [
  /^services(\[|$)/,
  /^istio\.ingressGateway\.gateways(\[|$)/,
  /^istio\.(revisions|defaultRevision)(\[|$)/,
  /^versions\./,
];

export function diffStacks(base: StackSide, head: StackSide): StackDiff {
  return {
    findings: findingsChange(base.findings, head.findings),
    services: servicesChange(base.config, head.config),
    perimeter: perimeterChange(base.config, head.config),
    gateways: gatewaysChange(base.config, head.config),
    controlPlane: controlPlaneChange(base.config, head.config),
    secrets: secretsChange(base.encryptedValues, head.encryptedValues),
    settings: fieldChanges(base.config, head.config).filter((field) => !EXPLAINED_SETTINGS.some((key) => key.test(field.key))),
  };
}

/** Whether the two sides configure the same mesh: every section empty (the perimeter's unchanged paths aside). */
export function isUnchanged(diff: StackDiff): boolean {
  const { perimeter, controlPlane } = diff;
  const lists: readonly unknown[][] = [
    diff.findings.introduced,
    diff.findings.resolved,
    diff.services.added,
    diff.services.removed,
    diff.services.changed,
    perimeter.added,
    perimeter.removed,
    perimeter.lockedOut,
    perimeter.reopened,
    diff.gateways.added,
    diff.gateways.removed,
    diff.gateways.changed,
    controlPlane.revisionsAdded,
    controlPlane.revisionsRemoved,
    controlPlane.tagsMoved,
    controlPlane.moves,
    controlPlane.charts,
    diff.secrets.added,
    diff.secrets.removed,
    diff.secrets.setAgain,
    diff.settings,
  ];
  return controlPlane.defaultRevision === undefined && lists.every((list) => list.length === 0);
}
