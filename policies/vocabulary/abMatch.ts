/**
 * An A/B test's match, as Flagger's Canary writes it (`analysis.match`): a list of request
 * conditions, any one of which sends a request to the canary; each names headers that must all
 * match, exactly, by prefix or by an RE2 expression (https://docs.flagger.app/usage/deployment-strategies#a-b-testing).
 */
import { RE2JS } from "re2js";

export interface HeaderCondition {
  exact?: string;
  prefix?: string;
  regex?: string;
}

/** One entry of `analysis.match`: header name (lower case) to condition. */
export type MatchEntry = Record<string, HeaderCondition>;

/** The stack config's form of a match: a header with its exact value, a cookie expression, or both (either is enough). */
export interface AbMatch {
  header?: { name: string; value: string };
  cookie?: string;
}

/** The Canary's `analysis.match` for the stack's match: one entry per condition, so either sends a request to the canary. */
export function matchEntries(match: AbMatch | undefined): { headers: MatchEntry }[] {
  return [
    ...(match?.header ? [{ headers: { [match.header.name]: { exact: match.header.value } } }] : []),
    ...(match?.cookie ? [{ headers: { cookie: { regex: match.cookie } } }] : []),
  ];
}

function conditionHolds(condition: HeaderCondition, value: string | undefined): boolean {
  if (value === undefined) {
    return false;
  }
  if (condition.exact !== undefined) {
    return value === condition.exact;
  }
  if (condition.prefix !== undefined) {
    return value.startsWith(condition.prefix);
  }
  if (condition.regex !== undefined) {
    try {
      // Envoy matches a header against the whole expression, as RE2's full match does.
      return RE2JS.compile(condition.regex).matcher(value).matches();
    } catch {
      return false;
    }
  }
  return true;
}

/** Whether a request with these headers (names lower case) meets one entry of the match. */
export function requestMatches(entries: readonly MatchEntry[], headers: ReadonlyMap<string, string>): boolean {
  return entries.some((entry) =>
    Object.entries(entry).every(([name, condition]) => conditionHolds(condition, headers.get(name.toLowerCase()))),
  );
}

/** A match in words: `header x-canary: true, or a cookie matching ^(.*?;)?(canary=always)(;.*)?$`. */
export function describeMatch(entries: readonly MatchEntry[]): string {
  return entries
    .map((entry) =>
      Object.entries(entry)
        .map(([name, c]) =>
          name === "cookie" && c.regex !== undefined
            ? `a cookie matching ${c.regex}`
            : `header ${name}: ${c.exact ?? (c.prefix !== undefined ? `${c.prefix}…` : `/${c.regex ?? ""}/`)}`,
        )
        .join(" and "),
    )
    .join(", or ");
}
