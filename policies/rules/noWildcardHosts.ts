import { isVirtualService, list, specOf } from "./lib/objects";
import type { ObjectRule } from "./rule";

export const noWildcardHosts: ObjectRule<Record<string, never>> = {
  scope: "object",
  name: "no-wildcard-hosts",
  description: "A VirtualService with a wildcard host captures traffic for services it was never meant to route; name each host.",
  enforcementLevel: "mandatory",
  thresholds: {},
  check(object) {
    if (!isVirtualService(object)) {
      return [];
    }
    return list(specOf(object).hosts)
      .filter((host) => typeof host === "string" && host.includes("*"))
      .map((host) => `host ${JSON.stringify(host)} is a wildcard`);
  },
};
