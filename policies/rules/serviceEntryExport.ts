import { isServiceEntry, list, specOf } from "./lib/objects";
import type { ObjectRule } from "./rule";

export const serviceEntryExport: ObjectRule<Record<string, never>> = {
  scope: "object",
  name: "service-entry-export",
  description:
    "A ServiceEntry opens a way out of the mesh; exported to every namespace (no exportTo, or `*`), it lets any workload reach the " +
    "external host. Export it to the namespaces that call it.",
  enforcementLevel: "mandatory",
  thresholds: {},
  check(object) {
    if (!isServiceEntry(object)) {
      return [];
    }
    const exportTo = list(specOf(object).exportTo);
    if (exportTo.length === 0) {
      return ["has no exportTo: it is visible to every namespace of the mesh"];
    }
    return exportTo.includes("*") ? ['is exported to every namespace (exportTo: "*")'] : [];
  },
};
