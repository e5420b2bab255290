/**
 * The application teams' manifests as the workload contract reads them: workloads with their pod
 * template, Services, HorizontalPodAutoscalers and ServiceAccounts, whether they come from plain
 * YAML, `helm template` or `kubectl get -o yaml` (a `List`, with status and owner references).
 * Objects a controller made from another (a Deployment's ReplicaSets and Pods, Flagger's
 * `-primary` copies) are marked as owned, and the stack's own objects (by STACK_OBJECT_LABELS)
 * are left out: the contract judges what the team writes.
 */
import { dict, isDict, list, type Dict } from "../../policies/rules/lib/objects";
import type { LabelSelector } from "../../policies/vocabulary/labelSelector";
import { POD_TEMPLATE_PATHS } from "../../policies/vocabulary/pods";
import { STACK_OBJECT_LABELS } from "../../components/builders/names";
import type { LocatedObject } from "./manifests";

/** Kinds that run to completion: they call services but serve none, so nobody needs to call them. */
export const RUN_TO_COMPLETION_KINDS: readonly string[] = ["Job", "CronJob"];

export interface Container {
  /** Its index under the pod spec's `containers`. */
  index: number;
  name: string;
  ports: number[];
  readinessProbe: boolean;
  cpuRequest: boolean;
  /** `securityContext.runAsUser`, where the container sets it. */
  runAsUser?: number;
}

export interface Workload {
  located: LocatedObject;
  kind: string;
  name: string;
  /** As written; undefined when the manifest leaves it to `kubectl -n` or `helm -n`. */
  namespace?: string;
  /** The field path of the pod template (`spec.template`), empty for a Pod. */
  templatePath: readonly string[];
  /** `spec.selector`, for the kinds that have one. */
  selector?: LabelSelector;
  podLabels: Record<string, string>;
  podAnnotations: Record<string, string>;
  /** `serviceAccountName` (or the deprecated `serviceAccount`); undefined means `default`. */
  serviceAccountName?: string;
  hostNetwork: boolean;
  /** The pod's `securityContext.runAsUser`, where set (a container's own overrides it). */
  runAsUser?: number;
  /** `spec.replicas`, where set. */
  replicas?: number;
  /** The app's containers (init containers are not the service). */
  containers: Container[];
  /** Made by a controller from another object (a ReplicaSet of a Deployment, a Pod of a ReplicaSet). */
  ownedByController: boolean;
  /** Made by Flagger from a Canary (the primary Deployment and its Services). */
  ownedByCanary: boolean;
}

export interface ServiceObject {
  located: LocatedObject;
  name: string;
  namespace?: string;
  selector: Record<string, string>;
  ports: { port: number; targetPort?: number | string; name?: string }[];
  ownedByCanary: boolean;
}

export interface Autoscaler {
  located: LocatedObject;
  name: string;
  namespace?: string;
  target: { kind: string; name: string };
}

export interface TeamManifests {
  workloads: Workload[];
  services: ServiceObject[];
  autoscalers: Autoscaler[];
  serviceAccounts: LocatedObject[];
  /** Istio routing objects (VirtualService, DestinationRule), which Flagger owns for a progressive service. */
  routing: LocatedObject[];
}

/** A field read as text: a string as it is, anything else as empty. */
const text = (value: unknown): string => (typeof value === "string" ? value : "");

const strings = (value: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(dict(value)).filter((entry): entry is [string, string] => typeof entry[1] === "string"));

function owners(object: Dict): { controller: boolean; canary: boolean } {
  const references = list(dict(object.metadata).ownerReferences).map(dict);
  return {
    controller: references.some((reference) => reference.controller === true),
    canary: references.some((reference) => reference.kind === "Canary" && text(reference.apiVersion).startsWith("flagger.app/")),
  };
}

function containersOf(podSpec: Dict): Container[] {
  return list(podSpec.containers).map((value, i) => {
    const container = dict(value);
    return {
      index: i,
      name: typeof container.name === "string" ? container.name : `#${i}`,
      ports: list(container.ports)
        .map((port) => dict(port).containerPort)
        .filter((port): port is number => typeof port === "number"),
      readinessProbe: isDict(container.readinessProbe),
      cpuRequest: dict(dict(container.resources).requests).cpu !== undefined,
      ...runAsUserOf(container),
    };
  });
}

function runAsUserOf(holder: Dict): { runAsUser?: number } {
  const user = dict(holder.securityContext).runAsUser;
  return typeof user === "number" ? { runAsUser: user } : {};
}

function selectorOf(value: unknown): LabelSelector | undefined {
  if (!isDict(value)) {
    return undefined;
  }
  return {
    matchLabels: strings(value.matchLabels),
    matchExpressions: list(value.matchExpressions)
      .map(dict)
      .map((requirement) => ({
        key: String(requirement.key),
        operator: requirement.operator as NonNullable<LabelSelector["matchExpressions"]>[number]["operator"],
        values: list(requirement.values).map(String),
      })),
  };
}

function workloadOf(located: LocatedObject): Workload | undefined {
  const object = located.object as Dict & typeof located.object;
  const templatePath = POD_TEMPLATE_PATHS[`${object.apiVersion}/${object.kind}`];
  if (!templatePath) {
    return undefined;
  }
  const template = templatePath.reduce<Dict>((at, field) => dict(at[field]), object);
  const podMeta = dict(template.metadata);
  const podSpec = dict(template.spec);
  const spec = dict(object.spec);
  const owner = owners(object);
  const serviceAccount = podSpec.serviceAccountName ?? podSpec.serviceAccount;
  return {
    located,
    kind: object.kind,
    name: object.metadata.name,
    namespace: object.metadata.namespace,
    templatePath,
    selector: object.kind === "Pod" ? undefined : selectorOf(spec.selector),
    podLabels: strings(podMeta.labels),
    podAnnotations: strings(podMeta.annotations),
    serviceAccountName: typeof serviceAccount === "string" && serviceAccount !== "" ? serviceAccount : undefined,
    hostNetwork: podSpec.hostNetwork === true,
    ...runAsUserOf(podSpec),
    replicas: typeof spec.replicas === "number" ? spec.replicas : undefined,
    containers: containersOf(podSpec),
    ownedByController: owner.controller,
    ownedByCanary: owner.canary,
  };
}

function serviceOf(located: LocatedObject): ServiceObject {
  const spec = dict(located.object.spec);
  return {
    located,
    name: located.object.metadata.name,
    namespace: located.object.metadata.namespace,
    selector: strings(spec.selector),
    ports: list(spec.ports)
      .map(dict)
      .map((port) => ({
        port: Number(port.port),
        ...(typeof port.targetPort === "number" || typeof port.targetPort === "string" ? { targetPort: port.targetPort } : {}),
        ...(typeof port.name === "string" ? { name: port.name } : {}),
      })),
    ownedByCanary: owners(located.object).canary,
  };
}

function autoscalerOf(located: LocatedObject): Autoscaler {
  const target = dict(dict(located.object.spec).scaleTargetRef);
  return {
    located,
    name: located.object.metadata.name,
    namespace: located.object.metadata.namespace,
    target: { kind: text(target.kind), name: text(target.name) },
  };
}

const isIstioRouting = (located: LocatedObject) =>
  located.object.apiVersion.startsWith("networking.istio.io/") && ["VirtualService", "DestinationRule"].includes(located.object.kind);

/** Made by the stack itself (its ServiceAccounts and HPAs carry these labels), as a cluster dump holds them. */
const isStackObject = (located: LocatedObject) =>
  Object.entries(STACK_OBJECT_LABELS).every(([label, value]) => located.object.metadata.labels?.[label] === value);

export function readTeamManifests(objects: readonly LocatedObject[]): TeamManifests {
  const manifests: TeamManifests = { workloads: [], services: [], autoscalers: [], serviceAccounts: [], routing: [] };
  for (const located of objects.filter((o) => !isStackObject(o))) {
    const { apiVersion, kind } = located.object;
    const workload = workloadOf(located);
    if (workload) {
      manifests.workloads.push(workload);
    } else if (apiVersion === "v1" && kind === "Service") {
      manifests.services.push(serviceOf(located));
    } else if (apiVersion.startsWith("autoscaling/") && kind === "HorizontalPodAutoscaler") {
      manifests.autoscalers.push(autoscalerOf(located));
    } else if (apiVersion === "v1" && kind === "ServiceAccount") {
      manifests.serviceAccounts.push(located);
    } else if (isIstioRouting(located) && !owners(located.object).canary) {
      manifests.routing.push(located);
    }
  }
  return manifests;
}
