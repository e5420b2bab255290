import { dict, isAuthorizationPolicy, list, sameLabels, specOf, type Dict } from "./lib/objects";
import type { ObjectRule } from "./rule";
import { LOADTESTER_SELECTOR } from "../vocabulary/loadtester";

export interface AuthorizationSourcesConfig {
  /** Workload selectors (matchLabels) that may take plain-text callers, such as the Flagger load tester. */
  allowedPlaintextWorkloads: Record<string, string>[];
}

/** Source fields that name who is allowed; each of the `not` fields only says who is not. */
const NAMING_FIELDS = ["principals", "namespaces", "requestPrincipals", "ipBlocks", "remoteIpBlocks", "serviceAccounts"] as const;

/**
 * Why one source of an ALLOW rule lets too much in, or undefined. A source must name its callers;
 * `*` names every authenticated caller; a source of exclusions only names everybody else, except
 * `notPrincipals: ["*"]` alone, which is exactly the callers without an identity (plain text).
 */
function sourceProblem(source: Dict, plaintextAllowed: boolean): string | undefined {
  const named = NAMING_FIELDS.filter((field) => list(source[field]).length > 0);
  const wildcard = named.find((field) => list(source[field]).includes("*"));
  if (wildcard) {
    return `allows any ${wildcard === "namespaces" ? "namespace" : "principal"} (${wildcard}: "*")`;
  }
  if (named.length > 0) {
    return undefined;
  }
  const plaintextOnly = list(source.notPrincipals).includes("*");
  if (plaintextOnly) {
    return plaintextAllowed ? undefined : 'allows callers without an identity (plain text, notPrincipals: "*")';
  }
  return "names no caller: it allows every source but the ones it excludes";
}

export const authorizationSources: ObjectRule<AuthorizationSourcesConfig> = {
  scope: "object",
  name: "authorization-sources",
  description:
    "Each rule of an ALLOW AuthorizationPolicy must name its callers: a rule without a source, or a source allowing any principal or " +
    "namespace, opens the workload to the whole mesh. Plain-text callers are allowed only for the workloads named in the policy config, " +
    "such as the Flagger load tester.",
  enforcementLevel: "mandatory",
  thresholds: {
    allowedPlaintextWorkloads: {
      type: "array",
      items: { type: "object", additionalProperties: { type: "string" } },
      default: [{ ...LOADTESTER_SELECTOR }],
      description: "matchLabels of the workloads that may allow callers without an identity.",
    },
  },
  check(object, config) {
    if (!isAuthorizationPolicy(object)) {
      return [];
    }
    const spec = specOf(object);
    if ((spec.action ?? "ALLOW") !== "ALLOW") {
      return [];
    }
    const selector = dict(dict(spec.selector).matchLabels);
    const plaintextAllowed =
      Object.keys(selector).length > 0 && config.allowedPlaintextWorkloads.some((allowed) => sameLabels(allowed, selector));
    const problems: string[] = [];
    list(spec.rules).forEach((rule, i) => {
      const from = list(dict(rule).from);
      if (from.length === 0) {
        problems.push(`rules[${i}] has no from: it allows every source`);
        return;
      }
      from.forEach((entry, j) => {
        const problem = sourceProblem(dict(dict(entry).source), plaintextAllowed);
        if (problem) {
          problems.push(`rules[${i}].from[${j}] ${problem}`);
        }
      });
    });
    return problems;
  },
};
