import { dict, isDict, isVirtualService, list, specOf, type Dict } from "./lib/objects";
import type { ObjectRule } from "./rule";

type Protocol = "http" | "tcp" | "tls";

/**
 * JSON with sorted keys, so equal matches compare equal whatever their key order. An HTTP
 * match's `name` only labels it, so it does not take part in the comparison.
 */
function matchKey(match: unknown, protocol: Protocol): string {
  const routing = { ...dict(match) };
  if (protocol === "http") {
    delete routing.name;
  }
  return canonicalJson(routing);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(",")}]`;
  }
  if (isDict(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A string match (`{exact}` or `{prefix}`) as one comparable string; "" when absent. */
function stringMatch(value: unknown): string {
  const match = dict(value);
  if (typeof match.exact === "string" && match.exact !== "") {
    return `exact:${match.exact}`;
  }
  if (typeof match.prefix === "string" && match.prefix !== "") {
    return `prefix:${match.prefix}`;
  }
  return "";
}

/** An HTTP match with a URI prefix, reduced to what decides whether an earlier one covers it. */
interface PrefixMatch {
  where: string;
  prefix: string;
  port: unknown;
  /** A match without a method is compared as `GET`, as istioctl does. */
  method: string;
  authority: string;
  headers: Map<string, string>;
  queryParams: Map<string, string>;
  withoutHeaders: Map<string, string>;
}

function prefixMatch(match: Dict, where: string): PrefixMatch | undefined {
  const prefix = dict(match.uri).prefix;
  if (typeof prefix !== "string" || prefix === "") {
    return undefined;
  }
  const entries = (value: unknown) => new Map(Object.entries(dict(value)).map(([k, v]) => [k, stringMatch(v)]));
  return {
    where,
    prefix,
    port: match.port,
    method: stringMatch(match.method) || "exact:GET",
    authority: stringMatch(match.authority),
    headers: entries(match.headers),
    queryParams: entries(match.queryParams),
    withoutHeaders: entries(match.withoutHeaders),
  };
}

/**
 * Whether the earlier match takes every request the later one would, as istioctl reads it: a
 * shorter prefix of the later URI prefix, with the same port, method, authority and conditions.
 */
function covers(earlier: PrefixMatch, later: PrefixMatch): boolean {
  const narrowsTo = (a: string, b: string) => a === b || a.startsWith(b);
  const sameConditions = (a: Map<string, string>, b: Map<string, string>) =>
    a.size === b.size && [...a].every(([key, value]) => b.has(key) && narrowsTo(value, b.get(key)!));
  return (
    later.prefix !== earlier.prefix &&
    later.prefix.startsWith(earlier.prefix) &&
    later.port === earlier.port &&
    narrowsTo(earlier.method, later.method) &&
    narrowsTo(earlier.authority, later.authority) &&
    sameConditions(earlier.headers, later.headers) &&
    sameConditions(earlier.queryParams, later.queryParams) &&
    sameConditions(earlier.withoutHeaders, later.withoutHeaders)
  );
}

/** The problems of one route list (http, tcp or tls): routes after a catch-all, repeated matches, shadowed prefixes. */
function routeProblems(routes: unknown[], protocol: Protocol): string[] {
  const problems: string[] = [];
  const firstRouteByMatch = new Map<string, number>();
  const prefixes: PrefixMatch[] = [];
  let catchAll: number | undefined;
  routes.forEach((route, i) => {
    const where = `${protocol}[${i}]`;
    const matches = list(dict(route).match);
    if (catchAll !== undefined) {
      problems.push(`${where} comes after the catch-all route ${protocol}[${catchAll}] and can never match (IST0130)`);
      return;
    }
    if (matches.length === 0) {
      catchAll = i;
      return;
    }
    let repeated = 0;
    matches.forEach((match, m) => {
      const key = matchKey(match, protocol);
      const earlier = firstRouteByMatch.get(key);
      if (earlier !== undefined) {
        repeated++;
        problems.push(`${where}.match[${m}] repeats a match of ${protocol}[${earlier}], which takes its requests first (IST0131)`);
        return;
      }
      firstRouteByMatch.set(key, i);
      const prefix = protocol === "http" ? prefixMatch(dict(match), `${where}.match[${m}]`) : undefined;
      if (prefix) {
        const shadow = prefixes.find((p) => covers(p, prefix));
        if (shadow) {
          problems.push(
            `${prefix.where} (prefix ${prefix.prefix}) is covered by ${shadow.where} (prefix ${shadow.prefix}), which matches first (IST0131)`,
          );
        }
        prefixes.push(prefix);
      }
    });
    if (repeated === matches.length) {
      problems.push(`${where} only repeats matches of earlier routes and can never match (IST0130)`);
    }
  });
  return problems;
}

/**
 * istioctl IST0130/IST0131, decidable from one object: in each of a VirtualService's http, tcp
 * and tls route lists, a route after a catch-all (no match) never fires, a match equal to an
 * earlier one (names aside) is shadowed by it, and an HTTP URI prefix is shadowed by a shorter
 * earlier prefix with the same other conditions.
 */
export const noUnreachableRoutes: ObjectRule<Record<string, never>> = {
  scope: "object",
  name: "no-unreachable-routes",
  description:
    "VirtualService routes are tried in order: a route after a catch-all, a match identical to an earlier one, or a URI prefix " +
    "an earlier, shorter prefix already takes never fires (istioctl IST0130/IST0131) and usually hides a mistake.",
  enforcementLevel: "mandatory",
  thresholds: {},
  check(object) {
    if (!isVirtualService(object)) {
      return [];
    }
    const spec = specOf(object);
    return (["http", "tcp", "tls"] as const).flatMap((protocol) => routeProblems(list(spec[protocol]), protocol));
  },
};
