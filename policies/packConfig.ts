/**
 * The `--policy-pack-config` file format, read the way the Pulumi engine reads it, so that the
 * offline `check` command applies a config file exactly as a preview would:
 *   { "all": "mandatory", "<rule>": "advisory", "<rule>": { "enforcementLevel": "...", "<threshold>": ... } }
 */
import type { AnyRule, EnforcementLevel } from "./rules/rule";

export type PackConfig = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

export interface RuleSettings {
  level: EnforcementLevel;
  /** The thresholds the file sets for this rule (defaults are applied by the rule's wrapper). */
  configured: Record<string, unknown>;
}

const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "disabled"];

export function ruleSettings(rule: AnyRule, config: PackConfig): RuleSettings {
  const all = config.all;
  let level: EnforcementLevel = typeof all === "string" ? all : rule.enforcementLevel;
  let configured: Record<string, unknown> = {};
  const own = config[rule.name];
  if (typeof own === "string") {
    level = own;
  } else if (own && typeof own === "object") {
    const { enforcementLevel, ...thresholds } = own;
    level = enforcementLevel ?? level;
    configured = thresholds;
  }
  return { level, configured };
}

export interface EnabledRule {
  rule: AnyRule;
  level: Exclude<EnforcementLevel, "disabled">;
  /** The thresholds the file sets for this rule. */
  configured: Record<string, unknown>;
}

/** The rules a pack config leaves on, each with its level and the thresholds the config sets. */
export function enabledRules(config: PackConfig, rules: readonly AnyRule[]): EnabledRule[] {
  return rules.flatMap((rule) => {
    const { level, configured } = ruleSettings(rule, config);
    return level === "disabled" ? [] : [{ rule, level, configured }];
  });
}

/** Problems with a pack config file: unknown rules or levels, thresholds a rule does not have. */
export function packConfigProblems(config: unknown, rules: AnyRule[]): string[] {
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    return ["the policy config must be a JSON object"];
  }
  const byName = new Map(rules.map((r) => [r.name, r]));
  const problems: string[] = [];
  for (const [name, value] of Object.entries(config)) {
    const rule = byName.get(name);
    if (name !== "all" && !rule) {
      problems.push(`${name}: no such rule`);
      continue;
    }
    const level = typeof value === "string" ? value : (value as { enforcementLevel?: unknown })?.enforcementLevel;
    if (level !== undefined && !LEVELS.includes(level as EnforcementLevel)) {
      problems.push(`${name}: unknown enforcement level ${JSON.stringify(level)}`);
    }
    if (rule && typeof value === "object" && value !== null) {
      for (const key of Object.keys(value as object)) {
        if (key !== "enforcementLevel" && !(key in rule.thresholds)) {
          problems.push(`${name}.${key}: the rule has no such threshold`);
        }
      }
    }
  }
  return problems;
}
