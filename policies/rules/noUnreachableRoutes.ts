import { dict, isVirtualService, list, specOf } from "./lib/objects";
import type { ObjectRule } from "./rule";

/**
 * istioctl IST0130/IST0131, the cases decidable from one object: a route after a catch-all
 * (no match) can never fire, and a match identical to an earlier one is shadowed by it.
 */
export const noUnreachableRoutes: ObjectRule<Record<string, never>> = {
  scope: "object",
  name: "no-unreachable-routes",
  description:
    "VirtualService routes are tried in order: a route after a catch-all, or a match identical to an earlier one, never fires " +
    "(istioctl IST0130/IST0131) and usually hides a mistake.",
  enforcementLevel: "mandatory",
  thresholds: {},
  check(object) {
    if (!isVirtualService(object)) {
      return [];
    }
    const problems: string[] = [];
    const seenMatches = new Map<string, number>();
    let catchAll: number | undefined;
    list(specOf(object).http).forEach((route, i) => {
      if (catchAll !== undefined) {
        problems.push(`http[${i}] comes after the catch-all route http[${catchAll}] and can never match (IST0130)`);
        return;
      }
      const matches = list(dict(route).match);
      if (matches.length === 0) {
        catchAll = i;
        return;
      }
      for (const match of matches) {
        const key = canonicalJson(match);
        const earlier = seenMatches.get(key);
        if (earlier !== undefined) {
          problems.push(`http[${i}] has a match identical to one in http[${earlier}], which shadows it (IST0131)`);
        } else {
          seenMatches.set(key, i);
        }
      }
    });
    return problems;
  },
};

/** JSON with sorted keys, so equal matches compare equal whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(",")}]`;
  }
  if (typeof value === "object" && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}
