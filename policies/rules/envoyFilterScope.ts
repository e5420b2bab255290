import { dict, isEnvoyFilter, specOf } from "./lib/objects";
import type { ObjectRule } from "./rule";

export const envoyFilterScope: ObjectRule<Record<string, never>> = {
  scope: "object",
  name: "envoy-filter-scope",
  description:
    "An EnvoyFilter patches proxies directly: it must select the workloads it is for (without a selector it applies to every proxy " +
    "of its namespace, or of the whole mesh from the root namespace) and state its priority, so its order among other filters is " +
    "fixed. Stricter than istioctl, which asks for a priority only on relative operations (see envoy-filter-operations).",
  enforcementLevel: "mandatory",
  thresholds: {},
  check(object) {
    if (!isEnvoyFilter(object)) {
      return [];
    }
    const spec = specOf(object);
    const problems: string[] = [];
    const labels = dict(dict(spec.workloadSelector).labels);
    if (Object.keys(labels).length === 0 && spec.targetRefs === undefined) {
      problems.push(`has no workloadSelector: it patches every proxy of namespace ${object.metadata.namespace ?? "default"}`);
    }
    if (typeof spec.priority !== "number") {
      problems.push("has no priority: its order among other EnvoyFilters is undefined");
    }
    return problems;
  },
};
