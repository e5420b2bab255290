import { dict, isSidecar, list, specOf } from "./lib/objects";
import type { ObjectRule } from "./rule";

export const sidecarScope: ObjectRule<Record<string, never>> = {
  scope: "object",
  name: "sidecar-scope",
  description:
    "A Sidecar exists to limit what a proxy knows; one whose egress imports every host (`*/*`), or that has no egress at all, scopes " +
    "nothing, and each proxy still holds the configuration of the whole mesh.",
  enforcementLevel: "advisory",
  thresholds: {},
  check(object) {
    if (!isSidecar(object)) {
      return [];
    }
    const egress = list(specOf(object).egress);
    if (egress.length === 0) {
      return ["has no egress: its proxies still import every host of the mesh"];
    }
    const problems: string[] = [];
    egress.forEach((entry, i) => {
      if (list(dict(entry).hosts).some((host) => host === "*/*" || host === "*")) {
        problems.push(`egress[${i}] imports */*: its proxies still hold every host of the mesh`);
      }
    });
    return problems;
  },
};
