/**
 * The pods a set of objects stands for: Pods, and the pod template of each workload (a
 * Deployment's, a CronJob's…), with the namespace they run in. Rules that ask "does this selector
 * select anything" look here; when the objects hold no pod at all, such a rule cannot know and
 * says nothing.
 */
import type { K8sObject } from "./k8sObject";

/** Where each workload kind keeps its pod template, by `apiVersion/kind` (a Pod is its own). */
export const POD_TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  "apps/v1/Deployment": ["spec", "template"],
  "apps/v1/StatefulSet": ["spec", "template"],
  "apps/v1/DaemonSet": ["spec", "template"],
  "apps/v1/ReplicaSet": ["spec", "template"],
  "batch/v1/Job": ["spec", "template"],
  "batch/v1/CronJob": ["spec", "jobTemplate", "spec", "template"],
  "v1/Pod": [],
};

export interface PodView {
  /** The Pod, or the workload whose template this is. */
  object: K8sObject;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The pod spec (`containers`, `serviceAccountName`, …). */
  spec: Record<string, unknown>;
}

const asDict = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

const stringsOf = (value: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(asDict(value)).filter((entry): entry is [string, string] => typeof entry[1] === "string"));

/** The pod template of a workload or Pod, or undefined for any other object. */
export function podView(object: K8sObject): PodView | undefined {
  const path = POD_TEMPLATE_PATHS[`${object.apiVersion}/${object.kind}`];
  if (!path) {
    return undefined;
  }
  const template = path.reduce<Record<string, unknown>>((at, field) => asDict(at[field]), object as unknown as Record<string, unknown>);
  const metadata = asDict(template.metadata);
  return {
    object,
    namespace: object.metadata.namespace ?? "default",
    labels: stringsOf(metadata.labels),
    annotations: stringsOf(metadata.annotations),
    spec: asDict(template.spec),
  };
}

/** Every pod the objects stand for. */
export function podViews(objects: readonly K8sObject[]): PodView[] {
  return objects.map(podView).filter((pod): pod is PodView => pod !== undefined);
}
