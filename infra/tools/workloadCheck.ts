/**
 * The workload contract, judged from the application teams' side: each declared service's
 * workload in the teams' manifests must be what the mesh objects of the stack assume, or
 * default-deny and Flagger turn a deploy into an outage. Every mismatch is reported at once, with
 * the manifest's file and line, the workload, the Kubernetes field and the stack key it contradicts.
 *
 * What the mesh assumes (read in Flagger's and Istio's sources and charts):
 * - a progressive service's Deployment is named after it (the Canary's targetRef) and selects on
 *   `app: <name>`: Flagger picks the first of `app`, `name`, `app.kubernetes.io/name` in
 *   `spec.selector.matchLabels` and relabels the primary's pods `<value>-primary`, which the
 *   authorization policies, Sidecars and rate limits select;
 * - pods run as the declared ServiceAccount (`default` when unset): callees allow them by it;
 * - a container listens on the target port, which the policies name;
 * - Flagger waits for readiness, and an HPA computes CPU use from requests; Flagger owns the
 *   primary's HPA and the `-primary`/`-canary` Services;
 * - the pod stays in the mesh: no `sidecar.istio.io/inject: "false"`, no host network, no
 *   interception annotations that route the service's traffic around the proxy.
 */
import { callGraph, serviceKey } from "../../components/builders/callGraph";
import { istiodRevisions, selectorOf } from "../../components/builders/controlPlane";
import { POD_LABEL, podLabelsOf, targetPortOf } from "../../components/builders/workloads";
import { fieldPath } from "../../policies/vocabulary/canaryWeights";
import { flaggerOwnedNames, primaryName } from "../../policies/vocabulary/flaggerNames";
import { selectorMatches } from "../../policies/vocabulary/labelSelector";
import { configKeyPath } from "../config/keys";
import { serviceAccountOf, type ServiceConfig, type StackConfig } from "../config/schema";
import type { LocatedObject } from "./manifests";
import { readTeamManifests, RUN_TO_COMPLETION_KINDS, type TeamManifests, type Workload } from "./workloadManifests";

export interface WorkloadFinding {
  rule: string;
  level: "mandatory" | "advisory";
  file: string;
  line?: number;
  /** `Deployment production/user-service`, or the service when its workload is missing. */
  workload: string;
  /** The Kubernetes field, such as `spec.template.spec.serviceAccountName`. */
  field: string;
  /** The stack key it contradicts, such as `mesh-platform:services[0].serviceAccount`. */
  key: string;
  message: string;
}

export interface WorkloadJudgement {
  findings: WorkloadFinding[];
  notes: string[];
  /** How many of the teams' workloads were judged against a declared service. */
  judged: number;
}

/** The labels Flagger would select a Deployment by, in its order (flagger `--selector-labels`). */
const FLAGGER_SELECTOR_LABELS = ["app", "name", "app.kubernetes.io/name"] as const;

const SIDECAR_INJECT = "sidecar.istio.io/inject";
const REVISION_LABEL = "istio.io/rev";
const DATAPLANE_MODE = "istio.io/dataplane-mode";
const EXCLUDE_INBOUND_PORTS = "traffic.sidecar.istio.io/excludeInboundPorts";
const INCLUDE_INBOUND_PORTS = "traffic.sidecar.istio.io/includeInboundPorts";
const EXCLUDE_OUTBOUND_PORTS = "traffic.sidecar.istio.io/excludeOutboundPorts";
const EXCLUDE_OUTBOUND_RANGES = "traffic.sidecar.istio.io/excludeOutboundIPRanges";
const INCLUDE_OUTBOUND_RANGES = "traffic.sidecar.istio.io/includeOutboundIPRanges";
/** The proxy's own UID: iptables never redirects its traffic, so an app running as it bypasses the proxy. */
const PROXY_UID = 1337;

const describe = (located: LocatedObject) =>
  `${located.object.kind} ${located.object.metadata.namespace ? `${located.object.metadata.namespace}/` : ""}${located.object.metadata.name}`;

/** `a, b,c` → ["a", "b", "c"] */
const commaList = (text: string | undefined) =>
  (text ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");

const show = (value: unknown) => (value === undefined ? "unset" : JSON.stringify(value));

/** Everything the judge needs to know about the stack, computed once. */
class StackFacts {
  readonly graph;
  /** Tags and revisions some istiod serves. */
  readonly servedRevisions: Set<string>;
  readonly meshNamespaces: Map<string, number>;

  constructor(readonly config: StackConfig) {
    this.graph = callGraph(config);
    const revisions = config.istio.revisions ? istiodRevisions(config.istio, config.versions) : [];
    this.servedRevisions = new Set(revisions.flatMap((revision) => [revision.name, ...revision.tags]));
    this.meshNamespaces = new Map(config.namespaces.map((ns, i) => [ns.name, i]));
  }

  /** The tag or revision a mesh namespace selects, or undefined for `istio-injection=enabled`. */
  namespaceRevision(namespace: string): string | undefined {
    const index = this.meshNamespaces.get(namespace);
    return index === undefined ? undefined : selectorOf(this.config.istio, this.config.namespaces[index].revision);
  }

  namespaceKey(namespace: string): string {
    return configKeyPath(["namespaces", this.meshNamespaces.get(namespace) ?? 0]);
  }

  /** The mesh services a service calls, which allow it by its identity. */
  callees(service: ServiceConfig): string[] {
    return (this.graph.callees.get(serviceKey(service)) ?? []).map(serviceKey);
  }

  /** The ports a service's pods call: its callees' and its external APIs'. */
  calledPorts(service: ServiceConfig): { port: number; what: string }[] {
    const key = serviceKey(service);
    return [
      ...(this.graph.callees.get(key) ?? []).map((callee) => ({ port: callee.port, what: serviceKey(callee) })),
      ...(this.graph.apis.get(key) ?? []).flatMap((api) =>
        api.ports.map((port) => ({ port: port.number, what: `external API ${api.name}` })),
      ),
    ];
  }
}

/** Collects findings; each names where in a manifest (or the stack file) it points. */
class Findings {
  readonly list: WorkloadFinding[] = [];

  constructor(private readonly stackFile: string) {}

  /** A finding on a field of a manifest object, at that field's line. */
  on(
    located: LocatedObject,
    path: readonly (string | number)[],
    finding: Omit<WorkloadFinding, "file" | "line" | "workload" | "field">,
  ): void {
    this.list.push({
      ...finding,
      file: located.file,
      line: located.lineOf?.(path) ?? located.line,
      workload: describe(located),
      field: fieldPath(path),
    });
  }

  /** A finding about something missing from the manifests, pointed at the stack key that expects it. */
  missing(workload: string, field: string, finding: Omit<WorkloadFinding, "file" | "line" | "workload" | "field">): void {
    this.list.push({ ...finding, file: this.stackFile, workload, field });
  }
}

/** A workload counts as in a namespace when it says so, or when it leaves the namespace to `-n`. */
const inNamespace = (object: { namespace?: string }, namespace: string) => object.namespace === undefined || object.namespace === namespace;

/** The path of a field under a workload's pod template. */
const podPath = (workload: Workload, ...rest: (string | number)[]) => [...workload.templatePath, ...rest];

export function judgeWorkloads(config: StackConfig, stackFile: string, objects: readonly LocatedObject[]): WorkloadJudgement {
  const facts = new StackFacts(config);
  const manifests = readTeamManifests(objects);
  const findings = new Findings(stackFile);
  const teamWorkloads = manifests.workloads.filter((w) => !w.ownedByController && !w.ownedByCanary);
  const claimed = new Set<Workload>();

  config.services.forEach((service, index) => {
    const judged = findServiceWorkloads(service, index, teamWorkloads, findings);
    judged.forEach((workload) => claimed.add(workload));
    for (const workload of judged) {
      judgeWorkload(service, index, workload, facts, findings);
    }
    if (service.delivery === "static") {
      judgeSubsets(service, index, judged, findings);
      judgeTeamService(service, index, judged, manifests, findings);
    } else {
      judgeFlaggerOwned(service, index, manifests, teamWorkloads, findings);
    }
    judgeAutoscalers(service, index, manifests, findings);
    judgeServiceAccount(service, index, manifests, findings);
  });

  for (const workload of teamWorkloads) {
    if (claimed.has(workload) || RUN_TO_COMPLETION_KINDS.includes(workload.kind) || workload.namespace === undefined) {
      continue;
    }
    if (facts.meshNamespaces.has(workload.namespace)) {
      findings.on(workload.located, ["metadata", "name"], {
        rule: "undeclared-workload",
        level: "advisory",
        key: facts.namespaceKey(workload.namespace),
        message:
          `is in mesh namespace ${workload.namespace} but no service of the stack runs it, so default-deny refuses every call to it; ` +
          "declare it under services (with calls on its callers), or run it elsewhere",
      });
    }
  }

  const unplaced = teamWorkloads.filter((w) => w.namespace === undefined).map((w) => describe(w.located));
  const notes =
    unplaced.length > 0
      ? [`${unplaced.join(", ")}: no metadata.namespace, so judged as if applied in the namespace of the service they run`]
      : [];
  return { findings: findings.list, notes, judged: claimed.size };
}

/**
 * The workloads that run a service: a progressive service's Deployment named after it; a static
 * service's workloads whose pods carry its label. Near misses (another namespace, another name or
 * kind, another label) are reported and judged all the same, so that every mismatch shows at once.
 */
function findServiceWorkloads(service: ServiceConfig, index: number, workloads: readonly Workload[], findings: Findings): Workload[] {
  const at = (key: string) => configKeyPath(["services", index, key]);
  const serving = workloads.filter((w) => !RUN_TO_COMPLETION_KINDS.includes(w.kind));
  const elsewhere = (candidates: Workload[]) => {
    for (const workload of candidates) {
      findings.on(workload.located, ["metadata", "namespace"], {
        rule: "workload-exists",
        level: "mandatory",
        key: at("namespace"),
        message: `is ${show(workload.namespace)}, but the stack declares ${service.name} in namespace ${service.namespace}, where its routing and policies are`,
      });
    }
    return candidates;
  };

  if (service.delivery === "progressive") {
    const named = serving.filter((w) => w.name === service.name);
    const target = named.find((w) => w.kind === "Deployment" && inNamespace(w, service.namespace));
    if (target) {
      return [target];
    }
    const otherKind = named.find((w) => inNamespace(w, service.namespace));
    if (otherKind) {
      findings.on(otherKind.located, ["kind"], {
        rule: "workload-exists",
        level: "mandatory",
        key: at("delivery"),
        message:
          otherKind.kind === "StatefulSet"
            ? "is StatefulSet, which Flagger cannot canary: run the service as a Deployment, or make it delivery: static"
            : `is ${otherKind.kind}, but the service's Canary targets the Deployment ${service.name}`,
      });
      return [otherKind];
    }
    const moved = named.filter((w) => w.kind === "Deployment");
    if (moved.length > 0) {
      return elsewhere(moved);
    }
    const labelled = serving.find(
      (w) => w.kind === "Deployment" && inNamespace(w, service.namespace) && w.podLabels[POD_LABEL] === service.name,
    );
    if (labelled) {
      findings.on(labelled.located, ["metadata", "name"], {
        rule: "workload-exists",
        level: "mandatory",
        key: at("name"),
        message: `is ${show(labelled.name)}, but the service's Canary targets the Deployment ${service.name} (its targetRef)`,
      });
      return [labelled];
    }
    findings.missing(`Deployment ${service.namespace}/${service.name}`, "metadata.name", {
      rule: "workload-exists",
      level: "mandatory",
      key: at("name"),
      message: `is not among the manifests: the Canary of ${service.name} targets a Deployment of that name in namespace ${service.namespace}`,
    });
    return [];
  }

  const podLabels = podLabelsOf(service);
  const selected = serving.filter((w) => inNamespace(w, service.namespace) && selectorMatches({ matchLabels: podLabels }, w.podLabels));
  if (selected.length > 0) {
    return selected;
  }
  const named = (w: Workload) =>
    w.name === service.name || FLAGGER_SELECTOR_LABELS.some((label) => label !== POD_LABEL && w.podLabels[label] === service.name);
  const misnamed = serving.filter((w) => inNamespace(w, service.namespace) && named(w));
  if (misnamed.length > 0) {
    return misnamed; // judgeWorkload reports the missing label
  }
  const moved = serving.filter((w) => w.namespace !== undefined && (selectorMatches({ matchLabels: podLabels }, w.podLabels) || named(w)));
  if (moved.length > 0) {
    return elsewhere(moved);
  }
  findings.missing(`service ${service.namespace}/${service.name}`, `spec.template.metadata.labels.${POD_LABEL}`, {
    rule: "workload-exists",
    level: "mandatory",
    key: at("name"),
    message: `no workload in namespace ${service.namespace} among the manifests has pods labelled ${POD_LABEL}: ${service.name}, which the service's routing and policies select`,
  });
  return [];
}

function judgeWorkload(service: ServiceConfig, index: number, workload: Workload, facts: StackFacts, findings: Findings): void {
  const at = (...key: string[]) => configKeyPath(["services", index, ...key]);
  judgeLabels(service, index, workload, findings);

  // Identity: callees allow the service by its ServiceAccount.
  const expected = serviceAccountOf(service);
  const actual = workload.serviceAccountName ?? "default";
  if (actual !== expected) {
    const callees = facts.callees(service);
    findings.on(workload.located, podPath(workload, "spec", "serviceAccountName"), {
      rule: "workload-identity",
      level: "mandatory",
      key: at("serviceAccount"),
      message:
        `is ${workload.serviceAccountName === undefined ? '"default" (unset)' : show(actual)}, but the stack declares the service's identity as ${expected}` +
        (callees.length > 0
          ? `: the services it calls (${callees.join(", ")}) allow its requests by that identity only, so they would refuse them`
          : ": the stack's policies name the service by that identity"),
    });
  }

  // The port the policies name.
  const port = targetPortOf(service);
  const declared = workload.containers.flatMap((container) => container.ports);
  if (!declared.includes(port)) {
    findings.on(workload.located, podPath(workload, "spec", "containers", 0, "ports"), {
      rule: "workload-port",
      level: declared.length === 0 ? "advisory" : "mandatory",
      key: at(service.targetPort === undefined ? "port" : "targetPort"),
      message:
        declared.length === 0
          ? `declares no containerPort; declare ${port}, the port the service's policies allow, so that the contract can be checked`
          : `has no containerPort ${port}, the port the service's policies allow (the containers declare ${declared.join(", ")})`,
    });
  }

  if (service.delivery === "progressive") {
    // Flagger promotes only once the canary is ready; without a probe a pod is ready when it starts.
    const serving = workload.containers.find((container) => container.ports.includes(port)) ?? workload.containers[0];
    if (serving && !serving.readinessProbe) {
      findings.on(workload.located, podPath(workload, "spec", "containers", serving.index, "readinessProbe"), {
        rule: "workload-readiness",
        level: "mandatory",
        key: at("delivery"),
        message: `container ${serving.name} has no readinessProbe: Flagger judges and promotes a canary by its readiness, which without a probe says nothing`,
      });
    }
    if (service.autoscaler) {
      for (const container of workload.containers.filter((c) => !c.cpuRequest)) {
        findings.on(workload.located, podPath(workload, "spec", "containers", container.index, "resources", "requests", "cpu"), {
          rule: "workload-autoscaling",
          level: "mandatory",
          key: at("autoscaler"),
          message: `container ${container.name} requests no CPU: the stack's HPA scales on CPU use as a share of requests and cannot compute it`,
        });
      }
      if (workload.replicas !== undefined) {
        findings.on(workload.located, ["spec", "replicas"], {
          rule: "workload-autoscaling",
          level: "advisory",
          key: at("autoscaler"),
          message: `is ${workload.replicas}, but the stack's HPA scales the Deployment: every apply resets what it scaled to; leave replicas out`,
        });
      }
    }
    if (workload.podLabels[DATAPLANE_MODE] === "ambient") {
      findings.on(workload.located, podPath(workload, "metadata", "labels", DATAPLANE_MODE), {
        rule: "mesh-opt-out",
        level: "mandatory",
        key: at("delivery"),
        message: "is ambient, but Flagger cannot canary ambient workloads (fluxcd/flagger#1822): keep a progressive service on sidecars",
      });
    }
  }
  judgeMeshMembership(service, index, workload, facts, findings);
}

/** The label the mesh selects pods by, on the pods and, for Flagger, first in the Deployment's selector. */
function judgeLabels(service: ServiceConfig, index: number, workload: Workload, findings: Findings): void {
  const key = configKeyPath(["services", index, "name"]);
  const labels = podLabelsOf(service);
  if (workload.podLabels[POD_LABEL] !== service.name) {
    findings.on(workload.located, podPath(workload, "metadata", "labels", POD_LABEL), {
      rule: "workload-labels",
      level: "mandatory",
      key,
      message:
        `is ${show(workload.podLabels[POD_LABEL])}, but the stack's policies, Sidecars and ${service.delivery === "progressive" ? "Flagger" : "routing"} ` +
        `select the service's pods by ${POD_LABEL}: ${service.name}`,
    });
  }
  const selector = workload.selector;
  if (!selector) {
    return;
  }
  if (!selectorMatches(selector, workload.podLabels)) {
    findings.on(workload.located, ["spec", "selector"], {
      rule: "workload-labels",
      level: "mandatory",
      key,
      message: "does not select the pod template's labels: the API server refuses the workload",
    });
  }
  if (service.delivery !== "progressive") {
    return;
  }
  const matchLabels = selector.matchLabels ?? {};
  const flaggerLabel = FLAGGER_SELECTOR_LABELS.find((label) => label in matchLabels);
  if (flaggerLabel === undefined) {
    findings.on(workload.located, ["spec", "selector", "matchLabels"], {
      rule: "workload-labels",
      level: "mandatory",
      key,
      message: `has none of ${FLAGGER_SELECTOR_LABELS.join(", ")}: Flagger refuses the Deployment; select on ${POD_LABEL}: ${service.name}`,
    });
  } else if (flaggerLabel !== POD_LABEL) {
    findings.on(workload.located, ["spec", "selector", "matchLabels", flaggerLabel], {
      rule: "workload-labels",
      level: "mandatory",
      key,
      message:
        `is the label Flagger selects on (the first of ${FLAGGER_SELECTOR_LABELS.join(", ")} in the selector), so the primary's pods get ` +
        `${flaggerLabel}: ${matchLabels[flaggerLabel]}-primary while the stack's policies select ${POD_LABEL}: ${service.name}-primary; select on ${POD_LABEL}: ${service.name}`,
    });
  } else if (matchLabels[POD_LABEL] !== labels[POD_LABEL]) {
    findings.on(workload.located, ["spec", "selector", "matchLabels", POD_LABEL], {
      rule: "workload-labels",
      level: "mandatory",
      key,
      message: `is ${show(matchLabels[POD_LABEL])}: Flagger would label the primary's pods ${matchLabels[POD_LABEL]}-primary, which no policy of the stack selects; use ${service.name}`,
    });
  }
}

/** Nothing takes the pod out of the mesh or routes the service's traffic around its proxy. */
function judgeMeshMembership(service: ServiceConfig, index: number, workload: Workload, facts: StackFacts, findings: Findings): void {
  const namespace = workload.namespace ?? service.namespace;
  const nsKey = facts.namespaceKey(service.namespace);
  const both = { ...workload.podAnnotations, ...workload.podLabels };
  const metaField = (name: string) => (name in workload.podLabels ? "labels" : "annotations");
  const port = targetPortOf(service);

  if (both[SIDECAR_INJECT] === "false") {
    findings.on(workload.located, podPath(workload, "metadata", metaField(SIDECAR_INJECT), SIDECAR_INJECT), {
      rule: "mesh-opt-out",
      level: "mandatory",
      key: nsKey,
      message: `is "false": the pods get no sidecar, so under STRICT mTLS every caller is refused and the service's policies do nothing`,
    });
  }
  if (workload.hostNetwork) {
    findings.on(workload.located, podPath(workload, "spec", "hostNetwork"), {
      rule: "mesh-opt-out",
      level: "mandatory",
      key: nsKey,
      message: "is true: Istio injects no sidecar into a pod on the host network, so it is outside the mesh",
    });
  }
  const asProxy = [
    ...(workload.runAsUser === PROXY_UID ? [podPath(workload, "spec", "securityContext", "runAsUser")] : []),
    ...workload.containers
      .filter((container) => container.runAsUser === PROXY_UID)
      .map((container) => podPath(workload, "spec", "containers", container.index, "securityContext", "runAsUser")),
  ];
  for (const path of asProxy) {
    findings.on(workload.located, path, {
      rule: "mesh-opt-out",
      level: "mandatory",
      key: nsKey,
      message: `is ${PROXY_UID}, the sidecar's own user, whose traffic is never sent through the proxy: the app's calls leave without mTLS and are refused`,
    });
  }
  const revision = workload.podLabels[REVISION_LABEL];
  if (revision !== undefined) {
    const namespaceRevision = facts.namespaceRevision(namespace);
    const path = podPath(workload, "metadata", "labels", REVISION_LABEL);
    if (!facts.servedRevisions.has(revision)) {
      findings.on(workload.located, path, {
        rule: "mesh-opt-out",
        level: "mandatory",
        key: configKeyPath(["istio", "revisions"]),
        message: `is ${show(revision)}, a tag or revision no istiod of the stack serves (${[...facts.servedRevisions].join(", ") || "the stack runs no revisions"})`,
      });
    } else if (revision !== namespaceRevision) {
      findings.on(workload.located, path, {
        rule: "mesh-opt-out",
        level: "advisory",
        key: configKeyPath(["namespaces", facts.meshNamespaces.get(service.namespace) ?? 0, "revision"]),
        message: `is ${show(revision)}, but namespace ${namespace} selects ${namespaceRevision ?? "injection without a revision"}, whose webhook injects the pod; the pod's label is ignored`,
      });
    }
  }
  const annotation = (name: string) => podPath(workload, "metadata", "annotations", name);
  const excludedInbound = commaList(workload.podAnnotations[EXCLUDE_INBOUND_PORTS]);
  if (excludedInbound.includes(String(port))) {
    findings.on(workload.located, annotation(EXCLUDE_INBOUND_PORTS), {
      rule: "mesh-opt-out",
      level: "mandatory",
      key: configKeyPath(["services", index, service.targetPort === undefined ? "port" : "targetPort"]),
      message: `excludes ${port}, the service's port: callers' mTLS reaches the app unterminated and no policy applies`,
    });
  }
  const includedInbound = workload.podAnnotations[INCLUDE_INBOUND_PORTS];
  if (includedInbound !== undefined && includedInbound.trim() !== "*" && !commaList(includedInbound).includes(String(port))) {
    findings.on(workload.located, annotation(INCLUDE_INBOUND_PORTS), {
      rule: "mesh-opt-out",
      level: "mandatory",
      key: configKeyPath(["services", index, service.targetPort === undefined ? "port" : "targetPort"]),
      message: `is ${show(includedInbound)}, without ${port}, the service's port: its requests bypass the proxy`,
    });
  }
  const called = facts.calledPorts(service);
  const excludedOutbound = commaList(workload.podAnnotations[EXCLUDE_OUTBOUND_PORTS]);
  const bypassed = called.filter((c) => excludedOutbound.includes(String(c.port)));
  if (bypassed.length > 0) {
    findings.on(workload.located, annotation(EXCLUDE_OUTBOUND_PORTS), {
      rule: "mesh-opt-out",
      level: "mandatory",
      key: configKeyPath(["services", index, "calls"]),
      message: `excludes ports the service calls (${bypassed.map((c) => `${c.port} of ${c.what}`).join(", ")}): those calls leave without mTLS or egress control and are refused`,
    });
  }
  const included = workload.podAnnotations[INCLUDE_OUTBOUND_RANGES];
  if (included !== undefined && !commaList(included).includes("*") && called.length > 0) {
    findings.on(workload.located, annotation(INCLUDE_OUTBOUND_RANGES), {
      rule: "mesh-opt-out",
      level: commaList(included).length === 0 ? "mandatory" : "advisory",
      key: configKeyPath(["services", index, "calls"]),
      message:
        commaList(included).length === 0
          ? `is empty: no outbound call goes through the proxy, so calls to ${[...new Set(called.map((c) => c.what))].join(", ")} are refused under STRICT mTLS`
          : `sends only calls into ${included} through the proxy: unless they hold the cluster's Service range, calls to ${[...new Set(called.map((c) => c.what))].join(", ")} bypass it and are refused under STRICT mTLS`,
    });
  }
  const ranges = commaList(workload.podAnnotations[EXCLUDE_OUTBOUND_RANGES]);
  if (ranges.length > 0) {
    const everything = ranges.some((range) => range === "*" || /\/0$/.test(range));
    const calls = called.length > 0;
    if (everything || calls) {
      findings.on(workload.located, annotation(EXCLUDE_OUTBOUND_RANGES), {
        rule: "mesh-opt-out",
        level: everything && calls ? "mandatory" : "advisory",
        key: configKeyPath(["services", index, "calls"]),
        message: everything
          ? `is ${show(workload.podAnnotations[EXCLUDE_OUTBOUND_RANGES])}: every outbound call bypasses the proxy, so calls to mesh services are refused under STRICT mTLS and egress is not controlled`
          : `sends calls into ${ranges.join(", ")} around the proxy: if they hold the cluster's Service or pod range, calls to ${[...new Set(called.map((c) => c.what))].join(", ")} are refused under STRICT mTLS`,
      });
    }
  }
}

/** A static service's split needs pods in each subset it sends traffic to. */
function judgeSubsets(
  service: Extract<ServiceConfig, { delivery: "static" }>,
  index: number,
  workloads: readonly Workload[],
  findings: Findings,
): void {
  if (workloads.length === 0) {
    return;
  }
  const subsets = [
    { name: "stable", labels: service.subsets.stable, weight: service.split.stable },
    { name: "canary", labels: service.subsets.canary, weight: service.split.canary },
  ];
  for (const subset of subsets.filter((s) => s.weight > 0)) {
    if (!workloads.some((w) => selectorMatches({ matchLabels: subset.labels }, w.podLabels))) {
      const first = workloads[0];
      findings.on(first.located, podPath(first, "metadata", "labels"), {
        rule: "workload-labels",
        level: "mandatory",
        key: configKeyPath(["services", index, "subsets", subset.name]),
        message: `no pods of the service carry the ${subset.name} subset's labels ${JSON.stringify(subset.labels)}: the ${subset.weight}% the split sends there fail (503)`,
      });
    }
  }
}

/** A static service's own Service (the team writes it; the stack routes to it by name and port). */
function judgeTeamService(
  service: ServiceConfig,
  index: number,
  workloads: readonly Workload[],
  manifests: TeamManifests,
  findings: Findings,
): void {
  const own = manifests.services.find((s) => s.name === service.name && inNamespace(s, service.namespace));
  if (!own) {
    findings.missing(`Service ${service.namespace}/${service.name}`, "metadata.name", {
      rule: "workload-exists",
      level: "advisory",
      key: configKeyPath(["services", index, "name"]),
      message: `is not among the manifests: the stack routes to the Service ${service.name} on port ${service.port}; make sure the team deploys it`,
    });
    return;
  }
  const selects =
    Object.keys(own.selector).length > 0 && workloads.some((w) => selectorMatches({ matchLabels: own.selector }, w.podLabels));
  if (workloads.length > 0 && !selects) {
    findings.on(own.located, ["spec", "selector"], {
      rule: "workload-labels",
      level: "mandatory",
      key: configKeyPath(["services", index, "name"]),
      message: `is ${JSON.stringify(own.selector)}, which selects none of the service's pods (${POD_LABEL}: ${service.name})`,
    });
  }
  const port = own.ports.findIndex((p) => p.port === service.port);
  if (port < 0) {
    findings.on(own.located, ["spec", "ports"], {
      rule: "workload-port",
      level: "mandatory",
      key: configKeyPath(["services", index, "port"]),
      message: `has no port ${service.port}, the port the stack routes to (it has ${own.ports.map((p) => p.port).join(", ") || "none"})`,
    });
    return;
  }
  const targetPort = own.ports[port].targetPort ?? service.port;
  if (typeof targetPort === "number" && targetPort !== targetPortOf(service)) {
    findings.on(own.located, ["spec", "ports", port, "targetPort"], {
      rule: "workload-port",
      level: "mandatory",
      key: configKeyPath(["services", index, service.targetPort === undefined ? "port" : "targetPort"]),
      message: `is ${targetPort}, but the stack's policies allow the pods' port ${targetPortOf(service)}: requests reach a port no policy opens`,
    });
  }
}

/** Flagger creates and owns a progressive service's Services, routing and primary Deployment. */
function judgeFlaggerOwned(
  service: ServiceConfig,
  index: number,
  manifests: TeamManifests,
  workloads: readonly Workload[],
  findings: Findings,
): void {
  const key = configKeyPath(["services", index, "delivery"]);
  const owned = flaggerOwnedNames(service.name);
  for (const own of manifests.services.filter((s) => !s.ownedByCanary && inNamespace(s, service.namespace))) {
    if (own.name === service.name) {
      findings.on(own.located, ["metadata", "name"], {
        rule: "flagger-owned",
        level: "advisory",
        key,
        message: `is the service's own name: Flagger takes this Service over and rewrites its selector and ports, so leave it out of the manifests`,
      });
    } else if (owned.services.includes(own.name)) {
      findings.on(own.located, ["metadata", "name"], {
        rule: "flagger-owned",
        level: "mandatory",
        key,
        message: `is a Service Flagger creates and owns for the progressive service ${service.name}; remove it from the manifests`,
      });
    }
  }
  const routingNames = new Set([...owned.virtualServices, ...owned.destinationRules]);
  for (const routing of manifests.routing.filter(
    (r) => routingNames.has(r.object.metadata.name) && inNamespace(r.object.metadata, service.namespace),
  )) {
    findings.on(routing, ["metadata", "name"], {
      rule: "flagger-owned",
      level: "mandatory",
      key,
      message: `is routing Flagger generates and owns for the progressive service ${service.name}; remove it from the manifests`,
    });
  }
  for (const primary of workloads.filter((w) => w.name === primaryName(service.name) && inNamespace(w, service.namespace))) {
    findings.on(primary.located, ["metadata", "name"], {
      rule: "flagger-owned",
      level: "mandatory",
      key,
      message: `is the primary Deployment Flagger creates from ${service.name}; remove it from the manifests`,
    });
  }
}

/** No HPA of the team's may scale what Flagger or the stack's HPA scales. */
function judgeAutoscalers(service: ServiceConfig, index: number, manifests: TeamManifests, findings: Findings): void {
  if (service.delivery !== "progressive") {
    return;
  }
  const targets = [service.name, primaryName(service.name)];
  for (const hpa of manifests.autoscalers.filter((a) => inNamespace(a, service.namespace))) {
    const competes = hpa.target.kind === "Deployment" && targets.includes(hpa.target.name);
    if (competes) {
      findings.on(hpa.located, ["spec", "scaleTargetRef"], {
        rule: "workload-autoscaling",
        level: "mandatory",
        key: configKeyPath(["services", index, "autoscaler"]),
        message: service.autoscaler
          ? `scales ${hpa.target.name}, which the stack's HPA ${service.name} and Flagger already scale: the two fight; remove this one`
          : `scales ${hpa.target.name}, but Flagger copies no team HPA to the primary, which then never scales; declare services[${index}].autoscaler instead`,
      });
    } else if (service.autoscaler && hpa.name === service.name) {
      findings.on(hpa.located, ["metadata", "name"], {
        rule: "workload-autoscaling",
        level: "mandatory",
        key: configKeyPath(["services", index, "autoscaler"]),
        message: `is the name of the HPA the stack declares for ${service.name}: two owners would overwrite each other`,
      });
    }
  }
}

/** The ServiceAccount has one owner: the stack, or the team when it says so. */
function judgeServiceAccount(service: ServiceConfig, index: number, manifests: TeamManifests, findings: Findings): void {
  const name = serviceAccountOf(service);
  const teams = manifests.serviceAccounts.filter(
    (a) => a.object.metadata.name === name && inNamespace(a.object.metadata, service.namespace),
  );
  const key = configKeyPath(["services", index, "createServiceAccount"]);
  if (service.createServiceAccount) {
    for (const account of teams) {
      findings.on(account, ["metadata", "name"], {
        rule: "workload-identity",
        level: "advisory",
        key,
        message:
          `is a ServiceAccount the stack creates for ${service.name}: with two owners, a Helm release refuses to adopt it and a ` +
          "`pulumi destroy` deletes it from under the team; drop it from the manifests, or set createServiceAccount: false",
      });
    }
  } else if (teams.length === 0) {
    findings.missing(`ServiceAccount ${service.namespace}/${name}`, "metadata.name", {
      rule: "workload-identity",
      level: "advisory",
      key,
      message: `is not among the manifests, and the stack leaves it to the team (createServiceAccount: false); make sure it exists`,
    });
  }
}
