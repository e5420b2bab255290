import { dict, isEnvoyFilter, list, specOf } from "./lib/objects";
import type { ObjectRule } from "./rule";

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** Operations placed relative to another filter: without a priority, their order among EnvoyFilters is undefined. */
const RELATIVE = new Set(["INSERT_BEFORE", "INSERT_AFTER", "REPLACE", "REMOVE"]);
/** Where istiod ignores ADD and REMOVE. */
const ROUTE_LEVEL = new Set(["ROUTE_CONFIGURATION", "HTTP_ROUTE"]);
/** The only places REPLACE applies. */
const REPLACEABLE = new Set(["NETWORK_FILTER", "HTTP_FILTER", "VIRTUAL_HOST"]);

/**
 * istioctl IST0151 to IST0155, as istiod applies an EnvoyFilter's patches: ADD and REMOVE are
 * ignored on routes, REPLACE outside network filters, HTTP filters and virtual hosts, and a
 * relative operation without a priority lands wherever the other filters happen to be.
 */
export const envoyFilterOperations: ObjectRule<Record<string, never>> = {
  scope: "object",
  name: "envoy-filter-operations",
  description:
    "Each EnvoyFilter patch must do something istiod applies: ADD (IST0153) and REMOVE (IST0154) are ignored on ROUTE_CONFIGURATION " +
    "and HTTP_ROUTE, REPLACE outside NETWORK_FILTER, HTTP_FILTER and VIRTUAL_HOST (IST0152); a relative operation (INSERT_BEFORE, " +
    "INSERT_AFTER, REPLACE, REMOVE) needs a priority, or its place among EnvoyFilters is undefined (IST0151, IST0155 when it matches " +
    "a proxy version). It judges each EnvoyFilter alone.",
  enforcementLevel: "mandatory",
  thresholds: {},
  check(object) {
    if (!isEnvoyFilter(object)) {
      return [];
    }
    const spec = specOf(object);
    const prioritised = typeof spec.priority === "number" && spec.priority !== 0;
    const problems: string[] = [];
    for (const [i, entry] of list(spec.configPatches).entries()) {
      const patch = dict(entry);
      if (patch.patch === undefined) {
        break; // as istiod: a patch without a patch ends the list
      }
      const operation = text(dict(patch.patch).operation);
      const applyTo = text(patch.applyTo);
      const at = `configPatches[${i}]`;
      if ((operation === "ADD" || operation === "REMOVE") && ROUTE_LEVEL.has(applyTo)) {
        problems.push(`${at}: ${operation} is ignored on ${applyTo} (${operation === "ADD" ? "IST0153" : "IST0154"})`);
        continue;
      }
      if (operation === "REPLACE" && !REPLACEABLE.has(applyTo)) {
        problems.push(
          `${at}: REPLACE applies only to NETWORK_FILTER, HTTP_FILTER and VIRTUAL_HOST, not ${applyTo || "an unset applyTo"} (IST0152)`,
        );
        continue;
      }
      if (RELATIVE.has(operation) && !prioritised) {
        const versioned = dict(dict(patch.match).proxy).proxyVersion !== undefined;
        problems.push(
          `${at}: ${operation} is placed relative to other filters, but the EnvoyFilter has no priority, so its order among EnvoyFilters is undefined (${versioned ? "IST0155" : "IST0151"})`,
        );
      }
    }
    return problems;
  },
};
